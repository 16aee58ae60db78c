package org.ferryfs.backend.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.OpenMode;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.backend.testing.ExternalProcess;
import org.ferryfs.backend.testing.GaneshaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the NFS driver has: opening against a real ganesha (portmapper, missing export), the
 * server killed, hung and restarted under an open backend, stale handles, large and concurrent I/O
 * over the one connection. Waits poll with a deadline; nothing sleeps.
 */
class NfsDriverTest {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir static Path tmp;

  private static GaneshaServer ganesha;

  private NfsBackend backend;
  private BackendExport export;
  private Path dir;

  @BeforeAll
  static void startGanesha() throws Exception {
    GaneshaServer.requireInstalled();
    ganesha = GaneshaServer.start(tmp.resolve("ganesha"), tmp.resolve("served"));
  }

  @AfterAll
  static void stopGanesha() throws Exception {
    if (ganesha != null) {
      ganesha.resume(); // harmless if it runs
      ganesha.close();
    }
  }

  @BeforeEach
  void openBackend(TestInfo info) throws Exception {
    backend = (NfsBackend) new NfsDriver().open(config(ganesha.url()));
    String name = "/" + info.getTestMethod().orElseThrow().getName();
    export = backend.export(name, true);
    dir = ganesha.exportDir().resolve(name.substring(1));
  }

  @AfterEach
  void closeBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  private static BackendConfig config(String url) {
    return new BackendConfig("nfs-test", URI.create(url), Map.of(), CALL_TIMEOUT);
  }

  // =============================================================================================
  // Opening

  @Test
  void theMountPortComesFromThePortmapper() throws Exception {
    String url = "nfs://127.0.0.1:" + ganesha.nfsPort() + ganesha.exportPath();
    try (NfsBackend b = (NfsBackend) new NfsDriver().open(config(url))) {
      b.probe();
      assertThat(b.export("/theMountPortComesFromThePortmapper", false).getattr("").isDirectory())
          .isTrue();
    }
  }

  @Test
  void aMissingServerExportIsRefusedClearly() {
    String url =
        "nfs://127.0.0.1:"
            + ganesha.nfsPort()
            + ganesha.exportPath()
            + "-not-exported?mountport="
            + ganesha.mountPort();
    assertThatThrownBy(() -> new NfsDriver().open(config(url)))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.status()).isIn(BackendStatus.NOT_FOUND, BackendStatus.ACCESS_DENIED);
              assertThat(e.getMessage()).startsWith("backend 'nfs-test': MNT ");
            });
  }

  @Test
  void aMissingExportDirectoryIsNotFoundUnlessCreated() throws Exception {
    assertThatThrownBy(() -> backend.export("/no/such/dir", false))
        .isInstanceOfSatisfying(
            BackendException.class, e -> assertThat(e.status()).isEqualTo(BackendStatus.NOT_FOUND));
    Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(
            () -> backend.export("/aMissingExportDirectoryIsNotFoundUnlessCreated/file", true))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.status()).isEqualTo(BackendStatus.NOT_DIRECTORY));
    assertThat(backend.export("/made/on/demand", true).list("")).isEmpty();
    assertThat(Files.isDirectory(ganesha.exportDir().resolve("made/on/demand"))).isTrue();
  }

  @Test
  void aServerThatDoesNotListenIsUnavailable() throws Exception {
    int port = ExternalProcess.freePort();
    String url = "nfs://127.0.0.1:" + port + "/x?mountport=" + port;
    long start = System.nanoTime();
    assertThatThrownBy(() -> new NfsDriver().open(config(url)))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.status()).isEqualTo(BackendStatus.UNAVAILABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(CALL_TIMEOUT.multipliedBy(2));
  }

  // =============================================================================================
  // Failures and recovery

  @Test
  void aKilledServerFailsCallsAndTheSameBackendWorksAfterItsRestart() throws Exception {
    byte[] data = bytes(100_000, 1);
    write("f", data);
    BackendHandle before = export.open("f", OpenMode.READ_WRITE);
    ganesha.kill();
    try {
      BackendException failure = awaitFailure(() -> export.getattr("f"));
      assertThat(failure.status()).isIn(BackendStatus.UNAVAILABLE, BackendStatus.TIMED_OUT);
      long start = System.nanoTime();
      assertThatThrownBy(() -> before.read(0, ByteBuffer.allocate(10)))
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> assertThat(e.status()).isIn(BackendStatus.UNAVAILABLE, BackendStatus.TIMED_OUT));
      assertThatThrownBy(backend::probe)
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> assertThat(e.status()).isIn(BackendStatus.UNAVAILABLE, BackendStatus.TIMED_OUT));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(CALL_TIMEOUT.multipliedBy(3));
    } finally {
      ganesha.restart();
    }
    long connects = backend.connects();
    assertThat(awaitSuccess(() -> export.getattr("f")).size()).isEqualTo(data.length);
    assertThat(backend.connects()).isGreaterThan(connects - 1).isGreaterThan(1);
    backend.probe();
    assertThat(read("f")).isEqualTo(data);
    // the handle opened before the restart still works: by its old handle or re-resolved
    ByteBuffer dst = ByteBuffer.allocate(data.length);
    assertThat(before.read(0, dst)).isEqualTo(data.length);
    assertThat(dst.array()).isEqualTo(data);
    before.write(0, ByteBuffer.wrap(bytes(10, 2)));
    before.close();
  }

  /**
   * Unstable writes, then a server restart before the COMMIT: the write verifier changes, the
   * server may have lost the data, and sync() says so once (RFC 1813 §3.3.7).
   */
  @Test
  void aRestartBetweenWriteAndSyncFailsTheSync() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    try (BackendHandle h = export.open("f", OpenMode.READ_WRITE)) {
      h.write(0, ByteBuffer.wrap(bytes(1000, 5)));
      ganesha.kill();
      ganesha.restart();
      BackendException e =
          awaitOutcome(
              () -> {
                h.sync();
                return null;
              });
      assertThat(e).as("sync after a restart").isNotNull();
      assertThat(e.status()).isEqualTo(BackendStatus.IO_ERROR);
      // the WRITE (sent behind) was answered before the kill and the COMMIT sees a new verifier,
      // or it was lost with the connection: either way the sync must fail, with IO_ERROR
      assertThat(e.getMessage()).containsAnyOf("write verifier changed", "acknowledged before");
      h.sync(); // reported once; nothing unstable is left
    }
  }

  @Test
  void aHungServerTimesOutWithinTheCallTimeout() throws Exception {
    write("f", bytes(10, 1));
    ganesha.suspend();
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> export.getattr("f"))
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> assertThat(e.status()).isEqualTo(BackendStatus.TIMED_OUT));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isGreaterThanOrEqualTo(CALL_TIMEOUT.minusMillis(100));
      assertThat(took).isLessThan(CALL_TIMEOUT.multipliedBy(2));
      assertThatThrownBy(backend::probe)
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> assertThat(e.status()).isEqualTo(BackendStatus.TIMED_OUT));
    } finally {
      ganesha.resume();
    }
    assertThat(awaitSuccess(() -> export.getattr("f")).size()).isEqualTo(10);
  }

  /**
   * Another client of the server (here a second backend, as a second Ferry node or any NFS client
   * would be) replaces a directory: the handle this backend cached for it is stale (the server
   * answers NFS3ERR_STALE), and the driver resolves the path again. The change is made through the
   * server, not on its disk, as ganesha caches what it has seen of the disk.
   */
  @Test
  void aDirectoryReplacedByAnotherClientIsResolvedAgain() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    write("d/f", bytes(10, 1));
    assertThat(export.getattr("d/f").size()).isEqualTo(10); // "d" is now a cached handle
    try (NfsBackend other = (NfsBackend) new NfsDriver().open(config(ganesha.url()))) {
      BackendExport there =
          other.export("/aDirectoryReplacedByAnotherClientIsResolvedAgain", false);
      there.remove("d/f");
      there.rmdir("d");
      there.mkdir("d", SetAttributes.NONE);
      there.create("d/f", SetAttributes.NONE.withSize(20L), true);
    }
    assertThat(export.getattr("d/f").size()).isEqualTo(20);
    export.create("d/g", SetAttributes.NONE, true);
    assertThat(Files.exists(dir.resolve("d/g"))).isTrue();
    assertThat(export.list("d")).hasSize(2);
  }

  @Test
  void aHandleWhoseFileAnotherClientReplacedNeverReadsTheNewFile() throws Exception {
    write("f", bytes(10, 1));
    try (BackendHandle h = export.open("f", OpenMode.READ)) {
      try (NfsBackend other = (NfsBackend) new NfsDriver().open(config(ganesha.url()))) {
        BackendExport there =
            other.export("/aHandleWhoseFileAnotherClientReplacedNeverReadsTheNewFile", false);
        there.remove("f");
        there.create("f", SetAttributes.NONE.withSize(20L), true);
      }
      // the path names another file now: the handle must never switch to it. It reads the
      // removed file's bytes (ganesha keeps a removed file readable while it has it open, as
      // POSIX does) or answers STALE.
      try {
        ByteBuffer dst = ByteBuffer.allocate(64);
        int n = h.read(0, dst);
        assertThat(java.util.Arrays.copyOf(dst.array(), n)).isEqualTo(bytes(10, 1));
      } catch (BackendException e) {
        assertThat(e.status()).isEqualTo(BackendStatus.STALE);
      }
    }
    assertThat(read("f")).isEqualTo(new byte[20]);
  }

  /** A handle the server no longer knows answers STALE; the core then opens the path again. */
  @Test
  void aHandleTheServerRejectsIsStale() throws Exception {
    write("f", bytes(10, 1));
    org.ferryfs.nfs.v3.xdr.NfsFh3 bogus = new org.ferryfs.nfs.v3.xdr.NfsFh3(new byte[32]);
    try (BackendHandle h = ((NfsBackendExport) export).handle("f", bogus, OpenMode.READ)) {
      assertThatThrownBy(() -> h.read(0, ByteBuffer.allocate(64)))
          .isInstanceOfSatisfying(
              BackendException.class, e -> assertThat(e.status()).isEqualTo(BackendStatus.STALE));
    }
    assertThat(read("f")).isEqualTo(bytes(10, 1));
  }

  // =============================================================================================
  // I/O

  @Test
  void eightMebibytesRoundTripWithTheSameChecksum() throws Exception {
    byte[] data = bytes(8 << 20, 7);
    export.create("big", SetAttributes.NONE, true);
    try (BackendHandle h = export.open("big", OpenMode.READ_WRITE)) {
      assertThat(h.write(0, ByteBuffer.allocateDirect(data.length).put(data).flip()))
          .isEqualTo(data.length);
      h.sync();
    }
    assertThat(sha256(Files.readAllBytes(dir.resolve("big")))).isEqualTo(sha256(data));
    ByteBuffer back = ByteBuffer.allocate(data.length);
    try (BackendHandle h = export.open("big", OpenMode.READ)) {
      assertThat(h.read(0, back)).isEqualTo(data.length);
    }
    assertThat(sha256(back.array())).isEqualTo(sha256(data));
    // ganesha offers more than the cap: 8 MiB went as 8 WRITEs and 8 READs of 1 MiB
    assertThat(backend.readSize()).isEqualTo(NfsBackend.MAX_IO);
    assertThat(backend.writeSize()).isEqualTo(NfsBackend.MAX_IO);
  }

  /**
   * What a client's sequential I/O costs the server, as the core drives a handle (getattr, then
   * read; write, then getattr): one READ or WRITE per MiB, no GETATTR per call (the attributes of
   * the READ and WRITE replies stand in), one COMMIT.
   */
  @Test
  void sequentialIoCostsOneRpcPerChunkAndNoGetattrPerCall() throws Exception {
    int mib = 1 << 20;
    int chunks = 8;
    byte[] data = bytes(chunks * mib, 3);
    export.create("seq", SetAttributes.NONE, true);
    org.ferryfs.nfs.client.Nfs3Client nfs = backend.nfs();
    long getattrs = nfs.calls(1);
    long reads = nfs.calls(6);
    long writes = nfs.calls(7);
    long commits = nfs.calls(21);
    try (BackendHandle h = export.open("seq", OpenMode.READ_WRITE)) {
      for (int i = 0; i < chunks; i++) {
        h.write((long) i * mib, ByteBuffer.wrap(data, i * mib, mib));
        assertThat(h.getattr().size()).isEqualTo((long) (i + 1) * mib);
      }
      h.sync();
      ByteBuffer back = ByteBuffer.allocateDirect(data.length);
      for (int i = 0; i < chunks; i++) {
        assertThat(h.getattr().size()).isEqualTo(data.length);
        assertThat(h.read((long) i * mib, back.slice(i * mib, mib))).isEqualTo(mib);
      }
      byte[] got = new byte[data.length];
      back.get(got);
      assertThat(sha256(got)).isEqualTo(sha256(data));
    }
    assertThat(nfs.calls(7) - writes).as("WRITEs").isEqualTo(chunks);
    assertThat(nfs.calls(21) - commits).as("COMMITs").isEqualTo(1);
    assertThat(nfs.calls(1) - getattrs).as("GETATTRs").isLessThanOrEqualTo(1);
    // the reader's READs, plus read-ahead that ran past the end at most
    assertThat(nfs.calls(6) - reads).as("READs").isBetween((long) chunks, chunks + 2L);
  }

  /**
   * Read-ahead through one handle, a write through another handle on the same file (as the core has
   * a READ and a READ_WRITE handle): the next read sees the write, never the prefetched bytes.
   */
  @Test
  void readAheadNeverReturnsStaleDataAfterAWriteThroughFerry() throws Exception {
    int chunk = 64 << 10;
    byte[] old = bytes(8 * chunk, 4);
    write("f", old);
    try (BackendHandle reader = export.open("f", OpenMode.READ);
        BackendHandle writer = export.open("f", OpenMode.READ_WRITE)) {
      ByteBuffer dst = ByteBuffer.allocate(chunk);
      for (int i = 0; i < 3; i++) { // sequential: chunks 3 and 4 are now read ahead
        dst.clear();
        assertThat(reader.read((long) i * chunk, dst)).isEqualTo(chunk);
      }
      byte[] fresh = bytes(chunk, 5);
      writer.write(3L * chunk, ByteBuffer.wrap(fresh));
      dst.clear();
      assertThat(reader.read(3L * chunk, dst)).isEqualTo(chunk);
      assertThat(dst.array()).isEqualTo(fresh);
      // and a truncate by path
      export.setattr("f", SetAttributes.NONE.withSize(5L * chunk));
      dst.clear();
      assertThat(reader.read(4L * chunk, dst)).isEqualTo(chunk);
      assertThat(dst.array()).isEqualTo(java.util.Arrays.copyOfRange(old, 4 * chunk, 5 * chunk));
      dst.clear();
      assertThat(reader.read(5L * chunk, dst)).isEqualTo(-1);
    }
  }

  /**
   * A WRITE sent behind that the server refuses (a handle it does not know) was acknowledged by
   * write(); the next sync fails with IO_ERROR (not a retryable status: the data is gone), once,
   * and so does every write until then.
   */
  @Test
  void aWriteBehindFailureSurfacesOnTheNextWriteAndSync() throws Exception {
    org.ferryfs.nfs.v3.xdr.NfsFh3 bogus = new org.ferryfs.nfs.v3.xdr.NfsFh3(new byte[32]);
    try (BackendHandle h = ((NfsBackendExport) export).handle("f", bogus, OpenMode.READ_WRITE)) {
      assertThat(h.write(0, ByteBuffer.wrap(bytes(100, 2)))).isEqualTo(100);
      BackendException e =
          org.junit.jupiter.api.Assertions.assertThrows(BackendException.class, h::sync);
      assertThat(e.status()).isEqualTo(BackendStatus.IO_ERROR);
      assertThat(e.getMessage()).contains("acknowledged before the server answered");
      // reported once: the COMMIT itself now goes out and the server says what it thinks
      assertThatThrownBy(h::sync)
          .isInstanceOfSatisfying(
              BackendException.class, x -> assertThat(x.status()).isEqualTo(BackendStatus.STALE));
    }
  }

  @Test
  void concurrentReadersAndWritersShareOneConnection() throws Exception {
    int threads = 16;
    byte[] shared = bytes(300_000, 3);
    write("shared", shared);
    long connects = backend.connects();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  String name = "file-" + thread;
                  byte[] mine = bytes(200_000 + thread, 100 + thread);
                  for (int round = 0; round < 5; round++) {
                    write(name, mine);
                    assertThat(read(name)).isEqualTo(mine);
                    assertThat(read("shared")).isEqualTo(shared);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    assertThat(backend.connects()).isEqualTo(connects);
    assertThat(export.list("")).hasSize(threads + 1);
  }

  @Test
  void syncCommitsAndTheDataIsOnTheServer() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    try (BackendHandle h = export.open("f", OpenMode.READ_WRITE)) {
      h.write(0, ByteBuffer.wrap(bytes(5000, 4)));
      h.sync();
      h.sync(); // nothing left to commit: still fine
    }
    assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(bytes(5000, 4));
  }

  // =============================================================================================
  // Helpers

  private interface Call<T> {
    T call() throws BackendException;
  }

  /** Repeats {@code call} until it fails, within the deadline; the failure. */
  private static BackendException awaitFailure(Call<?> call) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        call.call();
      } catch (BackendException e) {
        return e;
      }
    }
    throw new AssertionError("the call kept working for " + DEADLINE);
  }

  /**
   * Repeats {@code call} while the server is unreachable; its outcome then: {@code null} for
   * success, else the failure.
   */
  private static BackendException awaitOutcome(Call<?> call) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        call.call();
        return null;
      } catch (BackendException e) {
        if (e.status() != BackendStatus.UNAVAILABLE && e.status() != BackendStatus.TIMED_OUT) {
          return e;
        }
        Thread.onSpinWait();
      }
    }
    throw new AssertionError("the server did not answer again within " + DEADLINE);
  }

  /** Repeats {@code call} until it works, within the deadline. */
  private static <T> T awaitSuccess(Call<T> call) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    BackendException last = null;
    while (System.nanoTime() < deadline) {
      try {
        return call.call();
      } catch (BackendException e) {
        assertThat(e.status())
            .as(e.getMessage())
            .isIn(Set.of(BackendStatus.UNAVAILABLE, BackendStatus.TIMED_OUT, BackendStatus.DELAY));
        last = e;
        Thread.onSpinWait();
      }
    }
    throw new AssertionError("the call did not work again within " + DEADLINE, last);
  }

  private void write(String path, byte[] data) throws BackendException {
    export.create(path, SetAttributes.NONE.withSize(0L), false);
    try (BackendHandle h = export.open(path, OpenMode.READ_WRITE)) {
      h.write(0, ByteBuffer.wrap(data));
    }
  }

  private byte[] read(String path) throws BackendException {
    try (BackendHandle h = export.open(path, OpenMode.READ)) {
      ByteBuffer dst = ByteBuffer.allocate((int) h.getattr().size());
      if (dst.capacity() > 0) {
        assertThat(h.read(0, dst)).isEqualTo(dst.capacity());
      }
      return dst.array();
    }
  }

  private static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] data) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
