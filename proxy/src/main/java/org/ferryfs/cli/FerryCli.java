package org.ferryfs.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.ferryfs.admin.Version;
import org.ferryfs.cli.backend.BackendCommand;
import org.ferryfs.cli.export.ExportCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ferry} command. One class per subcommand; the package layout mirrors the command tree
 * ({@code ferry export list} is {@link org.ferryfs.cli.export.ExportListCommand}). User mistakes
 * are printed as one line with a named {@link ExitCode}, never as a stack trace.
 */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    versionProvider = FerryCli.VersionProvider.class,
    description = "Ferry: one namespace of exports over many file servers, moved live.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      StatusCommand.class,
      ExportCommand.class,
      BackendCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FerryCli implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(FerryCli.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(
        execute(
            args,
            new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
  }

  /** Runs a command line; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new FerryCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("ferry: " + ex.getMessage());
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          err.flush();
          return ExitCode.USAGE.code();
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof CliException c) {
            err.println("ferry: " + c.getMessage());
            err.flush();
            return c.exitCode().code();
          }
          LOG.error("internal error", ex);
          err.println("ferry: internal error: " + ex);
          err.flush();
          return ExitCode.SERVER_ERROR.code();
        });
    return cli.execute(args);
  }

  /** Prints the version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ferry " + Version.current()};
    }
  }
}
