package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ferryfs.backend.testing.SambaServer;
import org.ferryfs.config.ConfigLoader;
import org.ferryfs.server.FerryServer;
import org.ferryfs.server.FrontEnds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Samba's smbtorture smb2 suites against Ferry's SMB front end and against a stock smbd serving the
 * same directory, in the same run. A test that fails on Ferry but passes on smbd is a Ferry bug: it
 * must be in {@code smbtorture/known-failures.txt} (checked in), and a listed test that passes must
 * be taken off the list, so the list only shrinks. Pass/fail counts for both servers are written to
 * {@code target/smbtorture-summary.txt}.
 */
class SmbtortureIT {
  private static final String USER = "alice";
  private static final String PASSWORD = "Secret-1";

  @TempDir static Path tmp;
  static SambaServer smbd;
  static FerryServer ferry;
  static Set<String> known;
  static Set<String> flaky;
  static final List<String> summary = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    assertThat(Files.isExecutable(Smbtorture.BINARY))
        .as("smbtorture is installed (./run-tests installs samba-testsuite)")
        .isTrue();
    known = new TreeSet<>();
    flaky = new TreeSet<>();
    for (String entry : knownFailures()) {
      if (entry.startsWith("~")) {
        flaky.add(entry.substring(1).strip());
      } else {
        known.add(entry);
      }
    }
    Path backendRoot = Files.createDirectories(tmp.resolve("backend"));
    Path share = Files.createDirectories(backendRoot.resolve("torture"));
    Files.setPosixFilePermissions(share, PosixFilePermissions.fromString("rwxrwxrwx"));
    smbd = SambaServer.start(tmp.resolve("smbd"), share, 0);
    Path config = tmp.resolve("ferry.yaml");
    Files.writeString(
        config,
        """
        listen: 127.0.0.1
        state-dir: %s
        nfs:
          port: 0
        smb:
          port: 0
          signing: enabled
        users:
          - name: %s
            password: %s
        admin:
          port: 0
        backends:
          - name: a
            url: %s
        exports:
          - name: torture
            backend: a
        """
            .formatted(tmp.resolve("state"), USER, PASSWORD, backendRoot.toUri()));
    ferry = FerryServer.start(ConfigLoader.load(config), FrontEnds.all());
  }

  @AfterAll
  static void stop() throws Exception {
    if (ferry != null) {
      ferry.close();
    }
    if (smbd != null) {
      smbd.close();
    }
    if (!summary.isEmpty()) {
      Path out = Path.of("target", "smbtorture-summary.txt");
      Files.createDirectories(out.getParent());
      Files.write(out, summary, StandardCharsets.UTF_8);
      summary.forEach(System.out::println);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "smb2.connect",
        "smb2.read",
        "smb2.rw",
        "smb2.lock",
        "smb2.create",
        "smb2.dir",
        "smb2.getinfo",
        "smb2.setinfo",
        "smb2.compound",
        "smb2.credits",
        "smb2.durable-open",
        "smb2.durable-v2-open",
        "smb2.session",
        "smb2.sharemode",
        "smb2.rename",
        "smb2.maxfid",
        "smb2.ioctl"
      })
  void ferryFailsNoSuiteTestThatSmbdPassesUnlessItIsAKnownFailure(String suite) throws Exception {
    Smbtorture.Result onSmbd =
        Smbtorture.run(
            suite, smbd.port(), SambaServer.SHARE, SambaServer.USER, SambaServer.PASSWORD, tmp);
    Smbtorture.Result onFerry =
        Smbtorture.run(suite, ferry.port("SMB"), "torture", USER, PASSWORD, tmp);
    record(onSmbd, "smbd");
    record(onFerry, "ferry");

    boolean suiteListed = known.contains(suite);
    Set<String> unexpected = new TreeSet<>();
    for (String test : onFerry.failed()) {
      boolean passesOnSmbd =
          onSmbd.outcomes().get(test) == Smbtorture.Outcome.SUCCESS
              || !onSmbd.outcomes().containsKey(test);
      if (passesOnSmbd && !known.contains(test) && !flaky.contains(test) && !suiteListed) {
        unexpected.add(test + " — " + onFerry.reasons().getOrDefault(test, "(no reason given)"));
      }
    }
    assertThat(unexpected)
        .as(
            "%s: tests failing on Ferry but not on smbd, not in smbtorture/known-failures.txt",
            suite)
        .isEmpty();

    Set<String> fixed = new TreeSet<>();
    for (String entry : known) {
      if (entry.startsWith(suite + ".")
          && onFerry.outcomes().get(entry) == Smbtorture.Outcome.SUCCESS) {
        fixed.add(entry);
      }
    }
    if (suiteListed && onFerry.completed() && onFerry.failed().isEmpty()) {
      fixed.add(suite);
    }
    assertThat(fixed)
        .as("%s: these pass on Ferry now; take them off smbtorture/known-failures.txt", suite)
        .isEmpty();
  }

  private static void record(Smbtorture.Result r, String server) {
    synchronized (summary) {
      summary.add(
          "%-22s %-6s success %3d  failure %3d  error %3d  skip %3d  crashed %d  (exit %d)"
              .formatted(
                  r.suite(),
                  server,
                  r.count(Smbtorture.Outcome.SUCCESS),
                  r.count(Smbtorture.Outcome.FAILURE),
                  r.count(Smbtorture.Outcome.ERROR),
                  r.count(Smbtorture.Outcome.SKIP),
                  r.count(Smbtorture.Outcome.CRASHED),
                  r.exitCode()));
    }
  }

  /**
   * Entries of smbtorture/known-failures.txt: a test name or a whole suite, '~' before a test whose
   * outcome varies; '#' starts a comment.
   */
  static Set<String> knownFailures() {
    try (var in = SmbtortureIT.class.getResourceAsStream("/smbtorture/known-failures.txt")) {
      if (in == null) {
        throw new IllegalStateException("smbtorture/known-failures.txt is missing");
      }
      Set<String> s = new TreeSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int hash = line.indexOf('#');
        String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (!entry.isEmpty()) {
          s.add(entry);
        }
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
