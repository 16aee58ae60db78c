package org.ferryfs.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code ferry} jar run as a separate process, as an operator runs it. */
final class FerryProcess implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);

  private final Process process;
  private final StringBuilder output = new StringBuilder();
  private final Thread reader;

  private FerryProcess(Process process) {
    this.process = process;
    this.reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (InputStream in = process.getInputStream()) {
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                      synchronized (output) {
                        output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        output.notifyAll();
                      }
                    }
                  } catch (IOException e) {
                    // process gone
                  }
                  synchronized (output) {
                    output.notifyAll();
                  }
                });
  }

  /** The jar the reactor built ({@code proxy/target/ferry.jar}). */
  static Path jar() {
    String p = System.getProperty("ferry.jar");
    if (p == null) {
      throw new IllegalStateException("system property ferry.jar is not set (run through Maven)");
    }
    return Path.of(p);
  }

  static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  static FerryProcess start(Path dir, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true);
    pb.directory(dir.toFile());
    return new FerryProcess(pb.start());
  }

  /** Runs to completion (for commands that fail fast). */
  static Run.Result run(Path dir, String... args) throws IOException, InterruptedException {
    return Run.run(START, dir, command(args));
  }

  /** Waits until {@code text} has been printed, or fails with what was printed. */
  void awaitOutput(String text) throws InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    synchronized (output) {
      while (output.indexOf(text) < 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || !reader.isAlive()) {
          throw new AssertionError("ferry did not print '" + text + "'; it printed:\n" + output);
        }
        output.wait(left); // woken by every chunk of output and at end of output
      }
    }
  }

  /** SIGTERM, then the exit code. */
  int terminate() throws InterruptedException {
    // through the handle: Process.destroy() would also close our end of its output pipe
    process.toHandle().destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("ferry did not stop within 30 s of SIGTERM:\n" + output());
    }
    reader.join(5000);
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("ferry did not die of SIGKILL");
    }
  }

  String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /**
   * Writes {@code dir/ferry.yaml}: listen on 127.0.0.1, state in {@code dir/state}, one local
   * backend {@code a} at {@code dir/backends/a} holding export {@code alpha}, then {@code extra}
   * (more top-level YAML) verbatim.
   */
  static Path writeConfig(Path dir, int nfsPort, int adminPort, String extra) throws IOException {
    Path a = java.nio.file.Files.createDirectories(dir.resolve("backends/a"));
    Path config = dir.resolve("ferry.yaml");
    java.nio.file.Files.writeString(
        config,
        """
        listen: 127.0.0.1
        state-dir: %s
        nfs:
          port: %d
        admin:
          port: %d
        backends:
          - name: a
            url: %s
        exports:
          - name: alpha
            backend: a
        %s"""
            .formatted(dir.resolve("state"), nfsPort, adminPort, a.toUri(), extra));
    return config;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
