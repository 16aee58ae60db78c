package org.ferryfs.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs an external program with a deadline and captures what it printed. */
final class Run {
  /** What a finished program did. */
  record Result(int exitCode, String stdout, String stderr) {
    Result requireSuccess(String what) {
      if (exitCode != 0) {
        throw new AssertionError(
            what + " failed with exit code " + exitCode + ": " + stderr + stdout);
      }
      return this;
    }
  }

  private Run() {}

  static Result run(Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    return run(timeout, null, command);
  }

  static Result run(Duration timeout, Path dir, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      p.waitFor();
      throw new AssertionError(command + " did not finish within " + timeout);
    }
    try {
      return new Result(
          p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot read the output of " + command, e);
    }
  }

  static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }
}
