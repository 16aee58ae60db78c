package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ferryfs.nfs.client.Nfs3Exception;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backend killed while Ferry serves it: requests on its exports fail within the configured
 * timeout with NFS3ERR_JUKEBOX (the server is temporarily unable to answer) while other exports
 * keep working; its health goes DOWN; once it is back, service returns without restarting Ferry.
 */
class BackendFailureIT {
  /** NFS3ERR_JUKEBOX, RFC 1813 §2.6. */
  private static final int JUKEBOX = 10008;

  /** The configured timeout ({@link RealBackends#TIMEOUT}) plus room for a loaded machine. */
  private static final Duration FAIL_WITHIN = Duration.ofSeconds(2 + 4);

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir static Path tmp;
  static RealBackends servers;

  @BeforeAll
  static void start() throws Exception {
    servers = RealBackends.start(tmp.resolve("servers"));
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"s1", "n1"})
  void aKilledBackendFailsFastAndComesBackWithoutRestartingFerry(String backend) throws Exception {
    String export = backend.equals("s1") ? "on-smb" : "on-nfs";
    try (NfsSession s = new NfsSession(servers.nfsPort())) {
      NfsFh3 root = s.mount("/" + export);
      NfsFh3 other = s.mount("/on-local");
      NfsFh3 before = s.create(root, "before-" + backend);
      s.write(before, "written before".getBytes(StandardCharsets.UTF_8));

      kill(backend);
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> s.create(root, "during-" + backend))
          .isInstanceOfSatisfying(
              Nfs3Exception.class, e -> assertThat(e.status()).isEqualTo(JUKEBOX));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(FAIL_WITHIN);

      // other exports keep working meanwhile
      NfsFh3 elsewhere = s.create(other, "while-" + backend + "-is-down");
      s.write(elsewhere, "still served".getBytes(StandardCharsets.UTF_8));
      assertThat(Files.readString(servers.onDisk("on-local", "while-" + backend + "-is-down")))
          .isEqualTo("still served");

      // the pool marks it DOWN; from then on its requests fail at once
      awaitHealth(backend, "DOWN");
      long t1 = System.nanoTime();
      assertThatThrownBy(() -> s.read(before))
          .isInstanceOfSatisfying(
              Nfs3Exception.class, e -> assertThat(e.status()).isEqualTo(JUKEBOX));
      assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofSeconds(1));

      restart(backend);
      awaitHealth(backend, "UP");
      NfsFh3 after = awaitCreate(s, root, "after-" + backend);
      s.write(after, "written after".getBytes(StandardCharsets.UTF_8));
      assertThat(Files.readString(servers.onDisk(export, "after-" + backend)))
          .isEqualTo("written after");
      // a handle issued before the failure still works
      assertThat(new String(s.read(before), StandardCharsets.UTF_8)).isEqualTo("written before");
    }
  }

  private static void kill(String backend) throws InterruptedException {
    if (backend.equals("s1")) {
      servers.s1.kill();
    } else {
      servers.n1.kill();
    }
  }

  private static void restart(String backend) throws Exception {
    if (backend.equals("s1")) {
      servers.s1.restart();
    } else {
      servers.n1.restart();
    }
  }

  private static void awaitHealth(String backend, String health) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String now;
    while (!(now = servers.health(backend)).equals(health)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "backend " + backend + " still " + now + " after " + DEADLINE + ", not " + health);
      }
      Thread.sleep(50); // polling interval of a deadline-bounded wait, not a wait for an event
    }
  }

  private static NfsFh3 awaitCreate(NfsSession s, NfsFh3 dir, String name) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      try {
        return s.create(dir, name);
      } catch (Nfs3Exception e) {
        if (e.status() != JUKEBOX || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50); // polling interval
      }
    }
  }
}
