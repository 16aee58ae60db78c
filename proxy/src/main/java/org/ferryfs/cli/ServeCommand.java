package org.ferryfs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.ferryfs.config.ConfigException;
import org.ferryfs.config.ConfigLoader;
import org.ferryfs.config.FerryConfig;
import org.ferryfs.server.FerryServer;
import org.ferryfs.server.FrontEnds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry serve --config FILE}: runs in the foreground until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    description = "Run Ferry in the foreground, logging to stdout; stop with Ctrl-C or SIGTERM.")
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "configuration file")
  Path config;

  @Override
  public Integer call() throws CliException, InterruptedException {
    FerryConfig c;
    try {
      c = ConfigLoader.load(config);
    } catch (ConfigException e) {
      throw new CliException(ExitCode.CONFIG, e.getMessage(), e);
    }
    runUntilStopped(c, server -> {});
    return ExitCode.OK.code();
  }

  /**
   * Starts a Ferry and blocks until the JVM is asked to stop; the shutdown hook closes the server
   * so sockets, stores and backend handles are released cleanly.
   */
  static void runUntilStopped(FerryConfig c, Consumer<FerryServer> onStarted)
      throws CliException, InterruptedException {
    FerryServer server;
    try {
      server = FerryServer.start(c, FrontEnds.all());
    } catch (ConfigException e) {
      ExitCode code =
          e.getMessage().startsWith("cannot listen") ? ExitCode.CANNOT_LISTEN : ExitCode.CONFIG;
      throw new CliException(code, e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  server.close();
                  LOG.info("stopped");
                  stopped.countDown();
                },
                "ferry-shutdown"));
    onStarted.accept(server);
    LOG.info("Ferry is serving; stop it with Ctrl-C or SIGTERM");
    stopped.await();
  }
}
