package org.ferryfs.backend.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.client.RpcClient;
import org.ferryfs.nfs.v3.xdr.COMMIT3res;
import org.ferryfs.nfs.v3.xdr.Fattr3;
import org.ferryfs.nfs.v3.xdr.Ftype3;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.Nfstime3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;
import org.ferryfs.nfs.v3.xdr.READ3res;
import org.ferryfs.nfs.v3.xdr.Specdata3;
import org.ferryfs.nfs.v3.xdr.StableHow;
import org.ferryfs.nfs.v3.xdr.WRITE3res;
import org.ferryfs.nfs.v3.xdr.WccData;
import org.junit.jupiter.api.Test;

/**
 * The write-behind / read-ahead state machine of {@link NfsFileIo} against a fake server whose
 * replies the test releases by hand. Waits poll with a deadline; nothing sleeps.
 */
class NfsFileIoTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final java.time.Clock WALL =
      java.time.Clock.fixed(
          java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
  private static final NfsFh3 FH = new NfsFh3(new byte[] {1, 2, 3, 4});

  /** A file on a fake server; WRITEs are applied when the test answers them. */
  static final class FakeServer implements NfsFileIo.Client {
    byte[] file = new byte[0];
    long verifier = 42;
    boolean holdWrites;
    final ArrayDeque<Runnable> heldWrites = new ArrayDeque<>();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger getattrs = new AtomicInteger();

    synchronized Fattr3 attrs() {
      Nfstime3 t = new Nfstime3(0, 0);
      return new Fattr3(
          Ftype3.NF3REG,
          0644,
          1,
          0,
          0,
          file.length,
          file.length,
          new Specdata3(0, 0),
          1,
          7,
          t,
          t,
          t);
    }

    @Override
    public synchronized CompletableFuture<READ3res> read(
        NfsFh3 fh, long offset, int count, ByteBuffer dst) {
      reads.incrementAndGet();
      int from = (int) Math.min(offset, file.length);
      int n = Math.min(count, file.length - from);
      ByteBuffer target = dst.slice(dst.position(), n);
      target.put(file, from, n).flip();
      return CompletableFuture.completedFuture(
          new READ3res(
              Nfsstat3.NFS3_OK, new PostOpAttr(attrs()), n, from + n >= file.length, target));
    }

    @Override
    public synchronized CompletableFuture<WRITE3res> write(
        NfsFh3 fh, long offset, ByteBuffer data) {
      writes.incrementAndGet();
      byte[] bytes = new byte[data.remaining()];
      data.duplicate().get(bytes);
      CompletableFuture<WRITE3res> f = new CompletableFuture<>();
      Runnable apply =
          () -> {
            WRITE3res r;
            synchronized (this) {
              int end = (int) offset + bytes.length;
              if (end > file.length) {
                file = Arrays.copyOf(file, end);
              }
              System.arraycopy(bytes, 0, file, (int) offset, bytes.length);
              r =
                  new WRITE3res(
                      Nfsstat3.NFS3_OK,
                      WccData.after(new PostOpAttr(attrs())),
                      bytes.length,
                      StableHow.UNSTABLE,
                      verifier);
            }
            f.complete(r);
          };
      if (holdWrites) {
        heldWrites.add(
            () -> {
              if (!f.isDone()) {
                apply.run();
              }
            });
        heldFailures.add(f);
      } else {
        apply.run();
      }
      return f;
    }

    final ArrayDeque<CompletableFuture<WRITE3res>> heldFailures = new ArrayDeque<>();

    /** Answers the oldest held WRITE. */
    void answerOne() {
      Runnable r;
      synchronized (this) {
        r = heldWrites.poll();
        heldFailures.poll();
      }
      r.run();
    }

    /** Fails the oldest held WRITE as a dropped connection would. */
    void failOne() {
      CompletableFuture<WRITE3res> f;
      synchronized (this) {
        heldWrites.poll();
        f = heldFailures.poll();
      }
      f.completeExceptionally(new RpcClient.RpcConnectionException("connection lost (test)", null));
    }

    @Override
    public synchronized COMMIT3res commit(NfsFh3 fh) {
      commits.incrementAndGet();
      return new COMMIT3res(Nfsstat3.NFS3_OK, WccData.after(new PostOpAttr(attrs())), verifier);
    }

    @Override
    public Fattr3 getattr(NfsFh3 fh) {
      getattrs.incrementAndGet();
      return attrs();
    }
  }

  private final FakeServer server = new FakeServer();
  private final AtomicLong now = new AtomicLong();
  private final IoBuffers writeBuffers = new IoBuffers(16, 8);
  private final IoBuffers readBuffers = new IoBuffers(16, 8);
  private final NfsFileIo io =
      new NfsFileIo(
          server,
          FH,
          writeBuffers,
          readBuffers,
          16,
          16,
          4,
          2,
          now::get,
          WALL,
          e -> new BackendException(BackendStatus.UNAVAILABLE, "test: " + e.getMessage(), e));

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }

  private byte[] read(long offset, int n) throws BackendException {
    ByteBuffer dst = ByteBuffer.allocate(n);
    int got = io.read(offset, dst);
    return Arrays.copyOf(dst.array(), Math.max(0, got));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.onSpinWait();
    }
  }

  private static Thread waiting(Thread t) {
    await(
        t.getName() + " blocks",
        () -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TERMINATED);
    return t;
  }

  @Test
  void aWriteReturnsBeforeTheServerAnswersAndSyncWaitsForIt() throws Exception {
    server.holdWrites = true;
    assertThat(io.write(0, ByteBuffer.wrap(bytes(40, 1)))).isEqualTo(40);
    assertThat(io.writesInFlight()).isEqualTo(3); // 16 + 16 + 8
    Thread sync =
        Thread.ofPlatform()
            .name("sync")
            .start(
                () -> {
                  try {
                    io.sync(op -> op);
                  } catch (BackendException e) {
                    throw new AssertionError(e);
                  }
                });
    waiting(sync);
    assertThat(server.commits.get()).as("no COMMIT before every WRITE is answered").isZero();
    server.answerOne();
    server.answerOne();
    assertThat(server.commits.get()).isZero();
    server.answerOne();
    sync.join(DEADLINE.toMillis());
    assertThat(sync.isAlive()).isFalse();
    assertThat(server.commits.get()).isEqualTo(1);
    assertThat(server.file).isEqualTo(bytes(40, 1));
    assertThat(writeBuffers.available()).as("every buffer came back").isEqualTo(8);
  }

  @Test
  void aFailedWriteBehindFailsTheNextWriteAndTheNextSyncOnceAsIoError() throws Exception {
    server.holdWrites = true;
    io.write(0, ByteBuffer.wrap(bytes(16, 1)));
    server.failOne();
    await("the failure is noted", () -> io.writesInFlight() == 0);
    assertThatThrownBy(() -> io.write(16, ByteBuffer.wrap(bytes(16, 2))))
        .isInstanceOfSatisfying(
            BackendException.class, e -> assertThat(e.status()).isEqualTo(BackendStatus.IO_ERROR));
    // a connection failure must not come back as a retryable status: the data is gone
    assertThatThrownBy(() -> io.sync(op -> op))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.status()).isEqualTo(BackendStatus.IO_ERROR);
              assertThat(e.getMessage()).contains("acknowledged before the server answered");
            });
    assertThat(server.commits.get()).isZero();
    io.sync(op -> op); // reported once
    assertThat(server.commits.get()).isEqualTo(1);
    assertThat(writeBuffers.available()).as("a failed WRITE's permit comes back").isEqualTo(8);
  }

  @Test
  void aChangedVerifierBetweenWritesFailsTheSync() throws Exception {
    io.write(0, ByteBuffer.wrap(bytes(16, 1)));
    server.verifier = 43; // the server restarted
    io.write(16, ByteBuffer.wrap(bytes(16, 2)));
    assertThatThrownBy(() -> io.sync(op -> op))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.getMessage()).contains("write verifier changed"));
    io.sync(op -> op);
  }

  @Test
  void anOverlappingWriteWaitsForTheOneInFlight() throws Exception {
    server.holdWrites = true;
    io.write(0, ByteBuffer.wrap(bytes(16, 1)));
    Thread second =
        Thread.ofPlatform()
            .name("second")
            .start(
                () -> {
                  try {
                    io.write(8, ByteBuffer.wrap(bytes(16, 2)));
                  } catch (BackendException e) {
                    throw new AssertionError(e);
                  }
                });
    waiting(second);
    assertThat(server.writes.get()).as("the overlapping WRITE is not sent yet").isEqualTo(1);
    server.answerOne();
    await("the second WRITE is sent", () -> server.writes.get() == 2);
    server.answerOne();
    second.join(DEADLINE.toMillis());
    byte[] expected = Arrays.copyOf(bytes(16, 1), 24);
    System.arraycopy(bytes(16, 2), 0, expected, 8, 16);
    assertThat(server.file).isEqualTo(expected);
  }

  @Test
  void writesInFlightAreBounded() throws Exception {
    server.holdWrites = true;
    for (int i = 0; i < 4; i++) {
      io.write(i * 16L, ByteBuffer.wrap(bytes(16, i)));
    }
    Thread more =
        Thread.ofPlatform()
            .name("more")
            .start(
                () -> {
                  try {
                    io.write(4 * 16L, ByteBuffer.wrap(bytes(16, 9)));
                  } catch (BackendException e) {
                    throw new AssertionError(e);
                  }
                });
    waiting(more);
    assertThat(server.writes.get()).isEqualTo(4);
    server.answerOne();
    more.join(DEADLINE.toMillis());
    assertThat(server.writes.get()).isEqualTo(4 + 1);
    while (!server.heldWrites.isEmpty()) {
      server.answerOne();
    }
  }

  @Test
  void aReadWaitsForWritesInFlightAndSeesThem() throws Exception {
    server.holdWrites = true;
    io.write(0, ByteBuffer.wrap(bytes(16, 1)));
    Thread reader =
        Thread.ofPlatform()
            .name("reader")
            .start(
                () -> {
                  try {
                    assertThat(read(0, 16)).isEqualTo(bytes(16, 1));
                  } catch (BackendException e) {
                    throw new AssertionError(e);
                  }
                });
    waiting(reader);
    assertThat(server.reads.get()).isZero();
    server.answerOne();
    reader.join(DEADLINE.toMillis());
    assertThat(server.reads.get()).isEqualTo(1);
  }

  @Test
  void sequentialReadsAreServedFromReadAhead() throws Exception {
    server.file = bytes(160, 3);
    assertThat(read(0, 16)).isEqualTo(Arrays.copyOfRange(server.file, 0, 16));
    assertThat(io.prefetched()).as("one read is no pattern yet").isZero();
    assertThat(read(16, 16)).isEqualTo(Arrays.copyOfRange(server.file, 16, 32));
    assertThat(io.prefetched()).isEqualTo(2);
    int before = server.reads.get();
    assertThat(read(32, 16)).isEqualTo(Arrays.copyOfRange(server.file, 32, 48));
    // served from the prefetch; one more READ keeps the window full
    assertThat(server.reads.get()).isEqualTo(before + 1);
    for (int off = 48; off < 160; off += 16) {
      assertThat(read(off, 16)).isEqualTo(Arrays.copyOfRange(server.file, off, off + 16));
    }
    assertThat(read(160, 16)).isEmpty();
    assertThat(readBuffers.available() + io.prefetched()).isEqualTo(8);
  }

  @Test
  void readAheadNeverReturnsDataOlderThanAWriteThroughFerry() throws Exception {
    server.file = bytes(96, 3);
    read(0, 16);
    read(16, 16);
    assertThat(io.prefetched()).isEqualTo(2); // 32..48 and 48..64 are prefetched
    io.write(32, ByteBuffer.wrap(bytes(16, 7)));
    assertThat(io.prefetched()).as("a write drops the read-ahead").isZero();
    assertThat(read(32, 16)).isEqualTo(bytes(16, 7));
    // the same after a change by path (truncate, setattr)
    read(48, 16);
    assertThat(io.prefetched()).isPositive();
    server.file = bytes(96, 5);
    io.invalidate();
    assertThat(read(64, 16)).isEqualTo(Arrays.copyOfRange(bytes(96, 5), 64, 80));
    assertThat(readBuffers.available() + io.prefetched()).isEqualTo(8);
  }

  @Test
  void attributesComeFromRepliesAndCoverWritesStillInFlight() throws Exception {
    server.file = bytes(10, 1);
    assertThat(io.attributes().size()).isEqualTo(10);
    assertThat(server.getattrs.get()).isEqualTo(1);
    server.holdWrites = true;
    io.write(10, ByteBuffer.wrap(bytes(16, 2)));
    // the server has not applied it yet, but Ferry acknowledged it: the size covers it
    assertThat(io.attributes().size()).isEqualTo(26);
    assertThat(server.getattrs.get()).as("no GETATTR while the kept ones are fresh").isEqualTo(1);
    server.answerOne();
    await("the WRITE is answered", () -> io.writesInFlight() == 0);
    assertThat(io.attributes().size()).isEqualTo(26);
    now.addAndGet(NfsFileIo.ATTR_TTL.toNanos());
    assertThat(io.attributes().size()).isEqualTo(26);
    assertThat(server.getattrs.get()).as("after the TTL, a GETATTR").isEqualTo(2);
    // a path-based getattr after writes asks the server once they are answered
    server.holdWrites = false;
    io.write(26, ByteBuffer.wrap(bytes(4, 3)));
    assertThat(io.settled(server.attrs()).size()).isEqualTo(30);
  }

  @Test
  void aWriteInFlightMovesTheReportedModificationTime() throws Exception {
    server.file = bytes(10, 1); // the fake's times are 1970
    io.attributes();
    server.holdWrites = true;
    io.write(0, ByteBuffer.wrap(bytes(4, 2)));
    Fattr3 a = io.attributes();
    assertThat(a.mtime()).isEqualTo(Nfstime3.of(WALL.instant()));
    assertThat(a.ctime()).isEqualTo(Nfstime3.of(WALL.instant()));
    server.answerOne();
    await("the WRITE is answered", () -> io.writesInFlight() == 0);
    // every WRITE answered with attributes: the server's own are reported again
    assertThat(io.attributes().mtime()).isEqualTo(new Nfstime3(0, 0));
  }

  @Test
  void aReadAheadFailureIsReadAgainDirectly() throws Exception {
    server.file = bytes(64, 3);
    NfsFileIo flaky =
        new NfsFileIo(
            new NfsFileIo.Client() {
              int calls;

              @Override
              public CompletableFuture<READ3res> read(
                  NfsFh3 fh, long offset, int count, ByteBuffer dst) {
                if (++calls == 3) { // the first prefetch
                  return CompletableFuture.failedFuture(new IOException("lost"));
                }
                return server.read(fh, offset, count, dst);
              }

              @Override
              public CompletableFuture<WRITE3res> write(NfsFh3 fh, long offset, ByteBuffer d) {
                return server.write(fh, offset, d);
              }

              @Override
              public COMMIT3res commit(NfsFh3 fh) {
                return server.commit(fh);
              }

              @Override
              public Fattr3 getattr(NfsFh3 fh) {
                return server.getattr(fh);
              }
            },
            FH,
            writeBuffers,
            readBuffers,
            16,
            16,
            4,
            2,
            now::get,
            WALL,
            e -> new BackendException(BackendStatus.IO_ERROR, e.getMessage(), e));
    for (int off = 0; off < 64; off += 16) {
      ByteBuffer dst = ByteBuffer.allocate(16);
      assertThat(flaky.read(off, dst)).isEqualTo(16);
      assertThat(dst.array()).isEqualTo(Arrays.copyOfRange(server.file, off, off + 16));
    }
  }
}
