package org.ferryfs.backend.nfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.client.Nfs3Client;
import org.ferryfs.nfs.client.RpcClient;
import org.ferryfs.nfs.v3.xdr.COMMIT3res;
import org.ferryfs.nfs.v3.xdr.Fattr3;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.Nfstime3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;
import org.ferryfs.nfs.v3.xdr.READ3res;
import org.ferryfs.nfs.v3.xdr.StableHow;
import org.ferryfs.nfs.v3.xdr.WRITE3res;

/**
 * The I/O state of one backend file, shared by every open {@link NfsHandle} on its file handle:
 * write-behind, read-ahead and the file's last known attributes.
 *
 * <p><b>Design note.</b>
 *
 * <ul>
 *   <li><b>Write-behind.</b> {@link #write} copies the data into a buffer of the backend's {@link
 *       IoBuffers} (waiting for one if all are in use), sends it as an UNSTABLE WRITE (RFC 1813
 *       §3.3.7) and returns without waiting for the reply. At most {@link #MAX_WRITES} (4) WRITEs
 *       of a file are in flight; a write that overlaps one in flight waits for it first, so the
 *       server never applies two overlapping writes out of order. A failed WRITE is kept as this
 *       file's <em>write error</em>: every later {@link #write} fails with it, and the next {@link
 *       #sync} reports it once and forgets it (as fsync(2) reports a lost writeback once). {@link
 *       #sync} waits for every WRITE in flight, then COMMITs and checks the write verifier: the
 *       SPI's only durability promise is made by {@link #sync}, after the server has answered for
 *       every byte.
 *   <li><b>Read-ahead.</b> After two reads in a row that each start where the previous ended,
 *       {@link #read} sends READs for the next {@link #AHEAD} (2) chunks of the same size into
 *       buffers of the backend's {@link IoBuffers} (only if buffers are free: read-ahead never
 *       waits for memory). A read at a prefetched offset copies from the buffer. Every write or
 *       attribute change made through Ferry on this file bumps a generation and drops every
 *       prefetch; a prefetch of an older generation is never used. A read first waits for the
 *       WRITEs in flight (read-your-writes).
 *   <li><b>Attributes.</b> Every READ, WRITE and GETATTR reply carries the file's attributes
 *       (post_op_attr, wcc_data); the last ones are kept and served by {@link #attributes} for
 *       {@link #ATTR_TTL}, so a READ or WRITE through Ferry costs the backend no GETATTR. While
 *       WRITEs acknowledged by Ferry may not have reached the server, the size reported is at least
 *       the end of the furthest of them; it is reset by attributes fetched when no write was in
 *       flight.
 * </ul>
 *
 * <p>Thread-safe: state is guarded by this object's monitor; RPC replies arrive on the connection's
 * selector thread and only update state and hand buffers back.
 */
final class NfsFileIo {

  /** WRITEs of one file in flight at once (0: no write-behind, each write waits for its reply). */
  static final int MAX_WRITES = Integer.getInteger("ferry.nfs.writeBehind", 4);

  /** Chunks read ahead of a sequential reader (0: no read-ahead). */
  static final int AHEAD = Integer.getInteger("ferry.nfs.readAhead", 2);

  /** How long attributes from a reply about this file stand in for a GETATTR. */
  static final Duration ATTR_TTL = Duration.ofSeconds(1);

  /** The RPCs this class makes: an {@link Nfs3Client}, or a fake in tests. */
  interface Client {
    CompletableFuture<READ3res> read(NfsFh3 fh, long offset, int count, ByteBuffer dst);

    CompletableFuture<WRITE3res> write(NfsFh3 fh, long offset, ByteBuffer data);

    COMMIT3res commit(NfsFh3 fh) throws IOException;

    Fattr3 getattr(NfsFh3 fh) throws IOException;

    static Client of(Nfs3Client nfs) {
      return new Client() {
        @Override
        public CompletableFuture<READ3res> read(NfsFh3 fh, long offset, int count, ByteBuffer dst) {
          return nfs.readAsync(fh, offset, count, dst);
        }

        @Override
        public CompletableFuture<WRITE3res> write(NfsFh3 fh, long offset, ByteBuffer data) {
          return nfs.writeAsync(fh, offset, data, StableHow.UNSTABLE);
        }

        @Override
        public COMMIT3res commit(NfsFh3 fh) throws IOException {
          return nfs.commit(fh, 0, 0);
        }

        @Override
        public Fattr3 getattr(NfsFh3 fh) throws IOException {
          return nfs.getattr(fh);
        }
      };
    }
  }

  /** A WRITE in flight. */
  private static final class Pending {
    final long offset;
    final int length;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Pending(long offset, int length) {
      this.offset = offset;
      this.length = length;
    }

    boolean overlaps(long off, int len) {
      return off < offset + length && offset < off + len;
    }
  }

  /** A READ sent ahead of the reader. */
  private record Prefetch(
      long offset,
      int length,
      long generation,
      ByteBuffer buffer,
      CompletableFuture<READ3res> reply) {}

  private final Client client;
  private final NfsFh3 fh;
  private final IoBuffers writeBuffers;
  private final IoBuffers readBuffers;
  private final int readSize;
  private final int writeSize;
  private final LongSupplier nanoClock;
  private final Clock wallClock;
  private final int maxWrites;
  private final int aheadChunks;

  /** Maps a failure of an RPC to the SPI's exception, with the caller's context. */
  private final Function<IOException, BackendException> errors;

  // --- guarded by this
  private final ArrayDeque<Pending> writes = new ArrayDeque<>();
  private final ArrayDeque<Prefetch> ahead = new ArrayDeque<>();
  private BackendException writeError;
  private long writesIssued;
  private long unstableWrites;
  private long verifier;
  private boolean verifierChanged;
  private Fattr3 attrs;
  private long attrsAt;
  private long sizeFloor;

  /**
   * Writes Ferry acknowledged are not all reflected in {@link #attrs} yet: reported attributes are
   * adjusted (size at least {@link #sizeFloor}, mtime and ctime at least now). Guarded by this.
   */
  private boolean dirty;

  /** A WRITE reply without attributes came since the last clean state. Guarded by this. */
  private boolean missedAttrs;

  private long generation;
  private long nextSequential = -1;
  private int sequentialRun;
  private int refs;

  NfsFileIo(
      Client client,
      NfsFh3 fh,
      IoBuffers writeBuffers,
      IoBuffers readBuffers,
      int readSize,
      int writeSize,
      int maxWrites,
      int aheadChunks,
      LongSupplier nanoClock,
      Clock wallClock,
      Function<IOException, BackendException> errors) {
    this.wallClock = wallClock;
    this.maxWrites = Math.max(0, maxWrites);
    this.aheadChunks = Math.max(0, aheadChunks);
    this.client = client;
    this.fh = fh;
    this.writeBuffers = writeBuffers;
    this.readBuffers = readBuffers;
    this.readSize = Math.min(readSize, readBuffers.size());
    this.writeSize = Math.min(writeSize, writeBuffers.size());
    this.nanoClock = nanoClock;
    this.errors = errors;
  }

  // ---------------------------------------------------------------------------------------------
  // References (by NfsBackendExport)

  synchronized void retain() {
    refs++;
  }

  /** Drops a reference; true if none is left. */
  synchronized boolean release() {
    refs--;
    return refs <= 0;
  }

  NfsFh3 fh() {
    return fh;
  }

  synchronized boolean unused() {
    return refs <= 0 && writeError == null && writes.isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  /** Writes all of {@code src} behind (see the class note); returns its length. */
  int write(long offset, ByteBuffer src) throws BackendException {
    int total = 0;
    synchronized (this) {
      throwWriteError();
      generation++;
      dropAhead();
    }
    while (src.hasRemaining()) {
      int len = Math.min(src.remaining(), writeSize);
      long at = offset + total;
      Pending p = admit(at, len);
      ByteBuffer buf;
      try {
        buf = writeBuffers.take();
      } catch (RuntimeException e) {
        finish(p, null, null);
        throw e;
      }
      buf.put(src.slice(src.position(), len)).flip();
      src.position(src.position() + len);
      total += len;
      send(p, buf, at);
      if (maxWrites == 0) {
        p.done.join(); // write-through: the reply first; a failure is this write's
        synchronized (this) {
          if (writeError != null) {
            BackendException e = writeError;
            writeError = null;
            throw e;
          }
        }
      }
    }
    return total;
  }

  /** Registers a WRITE of {@code len} bytes at {@code at} once there is room for it. */
  private Pending admit(long at, int len) throws BackendException {
    while (true) {
      Pending wait = null;
      synchronized (this) {
        throwWriteError();
        for (Pending p : writes) {
          if (p.overlaps(at, len)) {
            wait = p;
            break;
          }
        }
        if (wait == null && writes.size() >= Math.max(1, maxWrites)) {
          wait = writes.peekFirst();
        }
        if (wait == null) {
          Pending p = new Pending(at, len);
          writes.addLast(p);
          writesIssued++;
          generation++;
          sizeFloor = Math.max(sizeFloor, at + len);
          dirty = true;
          return p;
        }
      }
      wait.done.join(); // completes when the WRITE is answered or fails, within the RPC timeout
    }
  }

  private void send(Pending p, ByteBuffer buf, long at) {
    CompletableFuture<WRITE3res> call;
    try {
      call = client.write(fh, at, buf);
    } catch (RuntimeException e) {
      writeBuffers.forfeit();
      finish(p, null, e);
      return;
    }
    call.whenComplete(
        (r, t) -> {
          if (t == null && r.count() > 0 && r.count() < buf.remaining()) {
            // a short WRITE (RFC 1813 §3.3.7): the rest goes out from where the server stopped
            noteWrite(r);
            buf.position(buf.position() + r.count());
            send(p, buf, at + r.count());
            return;
          }
          if (t == null && r.count() != buf.remaining()) {
            t = new IOException("the server wrote " + r.count() + " of " + buf.remaining());
          }
          if (t == null) {
            writeBuffers.give(buf);
          } else {
            writeBuffers.forfeit(); // the transport may still hold it
          }
          finish(p, r, t);
        });
  }

  private void finish(Pending p, WRITE3res r, Throwable t) {
    synchronized (this) {
      writes.remove(p);
      if (t != null) {
        if (writeError == null) {
          writeError = lostWrite(errors.apply(asIo(t)), p);
        }
      } else if (r != null) {
        noteWrite(r);
        PostOpAttr after = r.fileWcc().after();
        if (after.present()) {
          // replies may arrive out of order: keep the attributes of the latest change
          if (attrs == null || !ctimeBefore(after.attributes(), attrs)) {
            attrs = after.attributes();
          }
          attrsAt = nanoClock.getAsLong();
        } else {
          missedAttrs = true;
        }
        if (writes.isEmpty() && !missedAttrs && writeError == null) {
          // every WRITE acknowledged is answered, the attributes are those of the last change
          dirty = false;
          sizeFloor = 0;
        }
      }
    }
    p.done.complete(null);
  }

  /**
   * The error kept for a WRITE sent behind that failed. Its data is gone (Ferry keeps no copy), so
   * the error must never invite a retry that could then succeed: a transport failure (timeout,
   * dropped connection, stale handle) becomes {@link BackendStatus#IO_ERROR}; only statuses that
   * say what happened to the data (no space, quota, too large, read-only) are kept.
   */
  private static BackendException lostWrite(BackendException e, Pending p) {
    BackendStatus status =
        switch (e.status()) {
          case NO_SPACE, QUOTA_EXCEEDED, FILE_TOO_LARGE, READ_ONLY -> e.status();
          default -> BackendStatus.IO_ERROR;
        };
    return new BackendException(
        status,
        "the WRITE of "
            + p.length
            + " bytes at "
            + p.offset
            + ", acknowledged before the server answered, failed: "
            + e.getMessage(),
        e);
  }

  private synchronized void noteWrite(WRITE3res r) {
    if (r.committed() == StableHow.FILE_SYNC) {
      return;
    }
    if (unstableWrites == 0) {
      verifier = r.verf();
    } else if (verifier != r.verf()) {
      verifierChanged = true;
    }
    unstableWrites++;
  }

  private void throwWriteError() throws BackendException {
    if (writeError != null) {
      throw new BackendException(writeError.status(), writeError.getMessage(), writeError);
    }
  }

  /** Waits until no WRITE is in flight; true if there was one. */
  boolean drainWrites() {
    boolean any = false;
    while (true) {
      Pending p;
      synchronized (this) {
        p = writes.peekFirst();
      }
      if (p == null) {
        return any;
      }
      any = true;
      p.done.join();
    }
  }

  /**
   * Makes every write durable: waits for the WRITEs in flight, reports (once) a write error, then
   * COMMITs (§3.3.21) and checks the write verifier.
   */
  void sync(Function<String, String> context) throws BackendException {
    drainWrites();
    long covered;
    long expected;
    synchronized (this) {
      if (writeError != null) {
        BackendException e = writeError;
        writeError = null;
        throw new BackendException(
            e.status(), context.apply("sync") + ": an earlier write failed: " + e.getMessage(), e);
      }
      covered = unstableWrites;
      expected = verifier;
    }
    COMMIT3res r;
    try {
      r = client.commit(fh);
    } catch (IOException e) {
      throw errors.apply(e);
    }
    synchronized (this) {
      boolean lost = covered > 0 && (verifierChanged || r.verf() != expected);
      if (unstableWrites == covered) {
        unstableWrites = 0;
        verifierChanged = false;
      } else if (lost) {
        // writes after the COMMIT was sent carry the new verifier; forget the old ones
        unstableWrites -= covered;
        verifier = r.verf();
        verifierChanged = false;
      } else {
        unstableWrites -= covered;
      }
      PostOpAttr after = r.fileWcc().after();
      if (after.present()) {
        noteAttributes(after.attributes(), writesIssued, writes.isEmpty());
      }
      if (lost) {
        throw new BackendException(
            BackendStatus.IO_ERROR,
            context.apply("sync")
                + ": the server restarted since the last writes (write verifier changed, RFC 1813"
                + " §3.3.7); data written since the last sync may be lost");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /** Reads up to {@code dst.remaining()} bytes at {@code offset}; -1 at or after the end. */
  int read(long offset, ByteBuffer dst) throws BackendException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    drainWrites();
    int want = dst.remaining();
    int total = 0;
    boolean eof = false;
    Prefetch hit = takePrefetch(offset);
    if (hit != null) {
      READ3res r = null;
      try {
        r = RpcClient.await(hit.reply());
      } catch (IOException e) {
        // a failed prefetch is read again below, directly
      }
      if (r != null) {
        ByteBuffer data = r.data();
        int n = Math.min(data.remaining(), dst.remaining());
        dst.put(data.slice(data.position(), n));
        total = n;
        eof = r.eof() && n == data.remaining();
        if (n == 0) {
          eof = true;
        }
        readBuffers.give(hit.buffer());
      } else {
        readBuffers.forfeit();
      }
    }
    while (!eof && dst.hasRemaining()) {
      int count = Math.min(dst.remaining(), readSize);
      long at = offset + total;
      long stamp;
      boolean idle;
      synchronized (this) {
        stamp = writesIssued;
        idle = writes.isEmpty();
      }
      READ3res r;
      try {
        r = RpcClient.await(client.read(fh, at, count, dst));
      } catch (IOException e) {
        throw errors.apply(e);
      }
      int n = r.data().remaining();
      dst.position(dst.position() + n);
      total += n;
      if (r.fileAttributes().present()) {
        synchronized (this) {
          noteAttributes(r.fileAttributes().attributes(), stamp, idle);
        }
      }
      if (r.eof() || n == 0) {
        eof = true;
      }
    }
    readAhead(offset, total, want, eof);
    return total == 0 ? -1 : total;
  }

  /** The prefetch for {@code offset}, if there is a current one; drops those that do not fit. */
  private synchronized Prefetch takePrefetch(long offset) {
    while (!ahead.isEmpty()) {
      Prefetch p = ahead.peekFirst();
      if (p.generation() == generation && p.offset() == offset) {
        ahead.pollFirst();
        return p;
      }
      if (p.generation() == generation && p.offset() > offset) {
        return null; // the reader went back a little: keep what is ahead
      }
      ahead.pollFirst();
      release(p);
    }
    return null;
  }

  /** After a read of {@code n} bytes at {@code offset}: notes the pattern, reads ahead. */
  private void readAhead(long offset, int n, int want, boolean eof) {
    List<Prefetch> started = new ArrayList<>();
    synchronized (this) {
      if (offset == nextSequential) {
        sequentialRun++;
      } else {
        sequentialRun = 0;
      }
      nextSequential = offset + n;
      if (sequentialRun < 1 || eof || n <= 0 || !writes.isEmpty()) {
        return; // (a READ sent while a WRITE is in flight could miss it)
      }
      int len = Math.min(want, readSize);
      long next = ahead.isEmpty() ? nextSequential : ahead.peekLast().offset() + len;
      if (!ahead.isEmpty() && ahead.peekLast().length() != len) {
        return; // the reader changed its size: let the queue run out first
      }
      while (ahead.size() < aheadChunks) {
        ByteBuffer buf = readBuffers.tryTake();
        if (buf == null) {
          break;
        }
        Prefetch p = new Prefetch(next, len, generation, buf, new CompletableFuture<>());
        ahead.addLast(p);
        started.add(p);
        next += len;
      }
    }
    for (Prefetch p : started) {
      long stamp;
      boolean idle;
      synchronized (this) {
        stamp = writesIssued;
        idle = writes.isEmpty();
      }
      CompletableFuture<READ3res> call;
      try {
        call = client.read(fh, p.offset(), p.length(), p.buffer());
      } catch (RuntimeException e) {
        p.reply().completeExceptionally(e);
        continue;
      }
      call.whenComplete(
          (r, t) -> {
            if (t == null) {
              if (r.fileAttributes().present()) {
                synchronized (this) {
                  noteAttributes(r.fileAttributes().attributes(), stamp, idle);
                }
              }
              p.reply().complete(r);
            } else {
              p.reply().completeExceptionally(t);
            }
          });
    }
  }

  /** Hands a dropped prefetch's buffer back once its READ is over. */
  private void release(Prefetch p) {
    p.reply()
        .whenComplete(
            (r, t) -> {
              if (t == null) {
                readBuffers.give(p.buffer());
              } else {
                readBuffers.forfeit();
              }
            });
  }

  private void dropAhead() {
    while (!ahead.isEmpty()) {
      release(ahead.pollFirst());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Attributes

  /**
   * Notes attributes from a reply to a call sent when {@code stamp} writes had been issued ({@code
   * idle}: none was in flight then). Guarded by this.
   */
  private void noteAttributes(Fattr3 a, long stamp, boolean idle) {
    attrs = a;
    attrsAt = nanoClock.getAsLong();
    if (idle && stamp == writesIssued && writes.isEmpty()) {
      sizeFloor = 0; // the server has seen every write Ferry acknowledged
      dirty = false;
      missedAttrs = false;
    }
  }

  /**
   * Attributes from the LOOKUP that opened a handle: kept if nothing newer is known (the file had
   * no state yet, or Ferry never wrote to it), as a LOOKUP sent before a WRITE Ferry acknowledged
   * could miss it.
   */
  synchronized void opened(Fattr3 looked) {
    if (writesIssued == 0) {
      noteAttributes(looked, 0, true);
    }
  }

  /** The file's attributes: the last known ones if fresh enough, else from a GETATTR. */
  Fattr3 attributes() throws BackendException {
    long stamp;
    boolean idle;
    synchronized (this) {
      if (attrs != null && nanoClock.getAsLong() - attrsAt < ATTR_TTL.toNanos()) {
        return adjusted(attrs);
      }
      stamp = writesIssued;
      idle = writes.isEmpty();
    }
    Fattr3 a;
    try {
      a = client.getattr(fh);
    } catch (IOException e) {
      throw errors.apply(e);
    }
    synchronized (this) {
      noteAttributes(a, stamp, idle);
      return adjusted(a);
    }
  }

  /**
   * The attributes a path-based call should report for this file, given those its LOOKUP returned:
   * after writes Ferry acknowledged, those of a GETATTR sent once they are all answered.
   */
  Fattr3 settled(Fattr3 lookedUp) throws BackendException {
    boolean stale;
    synchronized (this) {
      stale = dirty || !writes.isEmpty();
    }
    if (!stale) {
      return lookedUp;
    }
    drainWrites();
    Fattr3 a;
    try {
      a = client.getattr(fh);
    } catch (IOException e) {
      throw errors.apply(e);
    }
    synchronized (this) {
      noteAttributes(a, writesIssued, writes.isEmpty());
      return adjusted(a);
    }
  }

  /**
   * Before and after a change Ferry makes to the file by path (SETATTR: size, mode, times; remove):
   * waits for the WRITEs in flight, drops read-ahead and the kept attributes.
   */
  void invalidate() {
    drainWrites();
    synchronized (this) {
      generation++;
      dropAhead();
      attrs = null;
      sizeFloor = 0;
      dirty = false;
      missedAttrs = false;
      nextSequential = -1;
      sequentialRun = 0;
    }
  }

  /** On the last close: drops read-ahead; WRITEs in flight are waited for. */
  void quiesce() {
    drainWrites();
    synchronized (this) {
      generation++;
      dropAhead();
    }
  }

  /**
   * {@code a} as reported while writes Ferry acknowledged may not be reflected in it: the size
   * covers them, and mtime/ctime are at least now (the SPI: a write moves the modification time),
   * so a client never sees its own write undone. Guarded by this.
   */
  private Fattr3 adjusted(Fattr3 a) {
    if (!dirty) {
      return a;
    }
    Nfstime3 now = Nfstime3.of(wallClock.instant());
    Nfstime3 mtime = before(a.mtime(), now) ? now : a.mtime();
    Nfstime3 ctime = before(a.ctime(), now) ? now : a.ctime();
    return new Fattr3(
        a.type(),
        a.mode(),
        a.nlink(),
        a.uid(),
        a.gid(),
        Math.max(a.size(), sizeFloor),
        a.used(),
        a.rdev(),
        a.fsid(),
        a.fileid(),
        a.atime(),
        mtime,
        ctime);
  }

  private static boolean before(Nfstime3 x, Nfstime3 y) {
    return x.seconds() < y.seconds() || (x.seconds() == y.seconds() && x.nseconds() < y.nseconds());
  }

  private static boolean ctimeBefore(Fattr3 x, Fattr3 y) {
    return before(x.ctime(), y.ctime());
  }

  /** Prefetches queued (for tests). */
  synchronized int prefetched() {
    return ahead.size();
  }

  /** WRITEs in flight (for tests). */
  synchronized int writesInFlight() {
    return writes.size();
  }

  private static IOException asIo(Throwable t) {
    Throwable c = t;
    while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c instanceof IOException io ? io : new IOException(c);
  }
}
