package org.ferryfs.backend.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server program a test runs (smbd, ganesha.nfsd), with a deadline on every wait. */
public final class ExternalProcess implements AutoCloseable {
  private final String name;
  private final List<String> command;
  private final Path log;
  private Process process;

  public ExternalProcess(String name, List<String> command, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.log = log;
  }

  /** Starts the program, its output appended to the log file. */
  public void start() throws IOException {
    // a session of its own: smbd signals its whole process group when it stops, which must not
    // be the test JVM's (nor Maven's)
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("/usr/bin/setsid");
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    process = pb.start();
  }

  /** Waits until every port accepts connections on 127.0.0.1, or fails with the log's tail. */
  public void awaitPorts(Duration timeout, int... ports) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int port : ports) {
      while (!accepts(port)) {
        if (!process.isAlive()) {
          throw new IOException(
              name
                  + " exited with "
                  + process.exitValue()
                  + " before listening; log "
                  + log
                  + ":\n"
                  + tail());
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              name + " did not listen on " + port + " within " + timeout + ":\n" + tail());
        }
        process.waitFor(50, TimeUnit.MILLISECONDS); // returns at once if the process dies
      }
    }
  }

  public static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, as a crash would; waits until it is gone (children included). */
  public void kill() throws InterruptedException {
    stop(true);
  }

  /** SIGTERM, then SIGKILL if it does not stop within ten seconds. */
  public void stop() throws InterruptedException {
    stop(false);
  }

  private void stop(boolean force) throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> family = process.descendants().toList();
    if (force) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle child : family) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    for (ProcessHandle child : family) {
      child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
    }
    process = null;
  }

  /**
   * Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to the program and all its descendants
   * (smbd serves each connection from a child), waiting until kill(1) has delivered it.
   */
  public void signal(String signal) throws IOException, InterruptedException {
    if (process == null) {
      throw new IllegalStateException(name + " is not running");
    }
    List<String> cmd = new java.util.ArrayList<>(List.of("kill", "-" + signal));
    cmd.add(Long.toString(process.pid()));
    process.descendants().forEach(h -> cmd.add(Long.toString(h.pid())));
    Process kill = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out =
        new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + name + " failed: " + out);
    }
  }

  String tail() {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
