package org.ferryfs.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one smbtorture suite against one server and reads its subunit-like output ({@code test:},
 * {@code success:}, {@code failure:}, {@code error:}, {@code skip:} lines). A test that started and
 * never reported (smbtorture crashed or was killed) counts as crashed.
 */
final class Smbtorture {
  static final Path BINARY = Path.of("/usr/bin/smbtorture");
  private static final Duration SUITE_LIMIT = Duration.ofMinutes(5);

  /** How one test ended. */
  enum Outcome {
    SUCCESS,
    FAILURE,
    ERROR,
    SKIP,
    CRASHED;

    boolean failed() {
      return this == FAILURE || this == ERROR || this == CRASHED;
    }
  }

  /**
   * One suite's results.
   *
   * @param outcomes outcome per fully qualified test name ({@code smb2.read.eof}), in order run
   * @param reasons the first line of each failure's explanation
   * @param exitCode smbtorture's exit code
   */
  record Result(
      String suite, Map<String, Outcome> outcomes, Map<String, String> reasons, int exitCode) {
    Set<String> failed() {
      Set<String> s = new TreeSet<>();
      outcomes.forEach(
          (name, o) -> {
            if (o.failed()) {
              s.add(name);
            }
          });
      return s;
    }

    long count(Outcome o) {
      return outcomes.values().stream().filter(x -> x == o).count();
    }

    /** True if smbtorture ran the suite to its end (no crash, no test left without an outcome). */
    boolean completed() {
      return count(Outcome.CRASHED) == 0 && !outcomes.isEmpty();
    }
  }

  private Smbtorture() {}

  static Result run(String suite, int port, String share, String user, String password, Path dir)
      throws IOException, InterruptedException {
    Run.Result r =
        Run.run(
            SUITE_LIMIT,
            dir,
            List.of(
                BINARY.toString(),
                "//127.0.0.1/" + share,
                "-U",
                user + "%" + password,
                "-p",
                Integer.toString(port),
                suite));
    return parse(suite, r.stdout() + "\n" + r.stderr(), r.exitCode());
  }

  static Result parse(String suite, String output, int exitCode) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    String running = null;
    String[] lines = output.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("test: ")) {
        running = suite + "." + name(line.substring(6));
        outcomes.putIfAbsent(running, Outcome.CRASHED);
        continue;
      }
      Outcome o = null;
      String rest = null;
      for (Outcome candidate : List.of(Outcome.SUCCESS, Outcome.FAILURE, Outcome.ERROR)) {
        String prefix = candidate.name().toLowerCase(java.util.Locale.ROOT) + ": ";
        if (line.startsWith(prefix)) {
          o = candidate;
          rest = line.substring(prefix.length());
        }
      }
      if (line.startsWith("skip: ")) {
        o = Outcome.SKIP;
        rest = line.substring(6);
      }
      if (o == null) {
        continue;
      }
      String name = suite + "." + name(rest);
      outcomes.put(name, o);
      if (o.failed() && rest.endsWith("[") && i + 1 < lines.length) {
        reasons.put(name, lines[i + 1].strip());
      }
      if (name.equals(running)) {
        running = null;
      }
    }
    if (outcomes.isEmpty() && exitCode != 0) {
      outcomes.put(suite, Outcome.CRASHED);
      reasons.put(suite, "smbtorture exited with " + exitCode + " before any test ran");
    }
    return new Result(suite, outcomes, reasons, exitCode);
  }

  private static String name(String s) {
    String n = s.strip();
    if (n.endsWith("[")) {
      n = n.substring(0, n.length() - 1).strip();
    }
    return n;
  }
}
