package org.ferryfs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.CreateMode;
import org.ferryfs.frontend.ExportView;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.nfs.handle.HandleCodec;
import org.ferryfs.nfs.mount.MountContext;
import org.ferryfs.nfs.mount.MountProgram;
import org.ferryfs.nfs.mount.MountTable;
import org.ferryfs.nfs.mount.xdr.Dirpath;
import org.ferryfs.nfs.rpc.portmap.Mapping;
import org.ferryfs.nfs.rpc.portmap.PortmapProgram;
import org.ferryfs.nfs.testing.InMemoryFileService;
import org.ferryfs.nfs.testing.RawRpc;
import org.ferryfs.nfs.testing.XdrTesting;
import org.ferryfs.nfs.v3.Nfs3Context;
import org.ferryfs.nfs.v3.Nfs3Program;
import org.ferryfs.nfs.v3.xdr.ACCESS3args;
import org.ferryfs.nfs.v3.xdr.COMMIT3args;
import org.ferryfs.nfs.v3.xdr.CREATE3args;
import org.ferryfs.nfs.v3.xdr.Createhow3;
import org.ferryfs.nfs.v3.xdr.Diropargs3;
import org.ferryfs.nfs.v3.xdr.FSINFO3args;
import org.ferryfs.nfs.v3.xdr.FSSTAT3args;
import org.ferryfs.nfs.v3.xdr.Ftype3;
import org.ferryfs.nfs.v3.xdr.GETATTR3args;
import org.ferryfs.nfs.v3.xdr.LINK3args;
import org.ferryfs.nfs.v3.xdr.LOOKUP3args;
import org.ferryfs.nfs.v3.xdr.MKDIR3args;
import org.ferryfs.nfs.v3.xdr.MKNOD3args;
import org.ferryfs.nfs.v3.xdr.NULL3args;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.Nfstime3;
import org.ferryfs.nfs.v3.xdr.PATHCONF3args;
import org.ferryfs.nfs.v3.xdr.READ3args;
import org.ferryfs.nfs.v3.xdr.READDIR3args;
import org.ferryfs.nfs.v3.xdr.READDIRPLUS3args;
import org.ferryfs.nfs.v3.xdr.READLINK3args;
import org.ferryfs.nfs.v3.xdr.REMOVE3args;
import org.ferryfs.nfs.v3.xdr.RENAME3args;
import org.ferryfs.nfs.v3.xdr.RMDIR3args;
import org.ferryfs.nfs.v3.xdr.SETATTR3args;
import org.ferryfs.nfs.v3.xdr.SYMLINK3args;
import org.ferryfs.nfs.v3.xdr.Sattr3;
import org.ferryfs.nfs.v3.xdr.Sattrguard3;
import org.ferryfs.nfs.v3.xdr.SetTime3;
import org.ferryfs.nfs.v3.xdr.Specdata3;
import org.ferryfs.nfs.v3.xdr.StableHow;
import org.ferryfs.nfs.v3.xdr.WRITE3args;
import org.ferryfs.nfs.xdr.Empty;
import org.ferryfs.nfs.xdr.XdrType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of the whole inbound path: valid NFSv3, MOUNT and portmapper records are
 * mutated (bit flips, boundary values in length fields, truncation, insertion, deletion,
 * duplication, broken markers) and fed through record marking, call-header decoding, the
 * dispatcher, every procedure's decoder and handler, and reply encoding — on the test thread, so
 * that nothing can escape unseen.
 *
 * <p>Checked for every input: no exception escapes; each dispatched call is answered exactly once
 * with a well-formed reply carrying its xid; the thread allocates less than {@link #MAX_ALLOCATION}
 * while handling it (a length field is never trusted); the run finishes (the test's timeout catches
 * hangs). Iterations: system property {@code ferry.fuzz.iterations} (default 20000); seed: {@code
 * ferry.fuzz.seed}.
 */
class RpcFuzzTest {

  private static final int MAX_ALLOCATION = 16 << 20;
  private static final int[] BOUNDARY = {
    0,
    1,
    2,
    3,
    4,
    -1,
    0x7FFF_FFFF,
    0x8000_0000,
    0x8000_0001,
    64,
    65,
    255,
    256,
    400,
    401,
    1024,
    1025,
    0xFFFF,
    1 << 20,
    (1 << 20) + 1,
    100003,
    100005,
    100000
  };

  @Test
  @Timeout(600)
  void mutatedRequestsNeverEscapeHangOrAllocateWildly() throws Exception {
    int iterations = Integer.getInteger("ferry.fuzz.iterations", 20000);
    long seed = Long.getLong("ferry.fuzz.seed", 0x5EED_F00DL);
    Random random = new Random(seed);

    InMemoryFileService files = new InMemoryFileService();
    files.setMaxFileSize(1 << 20);
    List<byte[]> templates = templates(files);

    HandleCodec handles = new HandleCodec(files.handleSecret());
    ProgramTable programs =
        ProgramTable.of(
            new Nfs3Program(new Nfs3Context(files, handles)),
            new MountProgram(new MountContext(files, handles, new MountTable())),
            new PortmapProgram(
                () -> 111, List.of(new Mapping(100003, 3, Mapping.IPPROTO_TCP, 2049))));
    IoBuffers buffers = IoBuffers.forRecords(RpcServerConfig.DEFAULT_MAX_RECORD_SIZE);
    RpcDispatcher dispatcher = new RpcDispatcher(programs, Runnable::run, buffers, 64, 1 << 20);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().threadId();
    // Chunk sizes come from a generator of their own, so the inputs are those of the seed alone.
    Random chunking = new Random(~seed);

    int dispatched = 0;
    int closed = 0;
    int garbage = 0;
    for (int i = 0; i < iterations; i++) {
      byte[] input = mutate(templates.get(random.nextInt(templates.size())), random);
      CapturingChannel channel = new CapturingChannel();
      FakeControl control = new FakeControl();
      ConnectionState state = dispatcher.newState(control, channel);
      RecordReader reader =
          new RecordReader(buffers, RpcServerConfig.DEFAULT_MAX_RECORD_SIZE, 1024);
      long before = threads.getThreadAllocatedBytes(thread);
      List<Integer> xids = new ArrayList<>();
      try {
        int at = 0;
        feed:
        while (at < input.length) {
          // The input arrives in reads of random sizes, as from a socket.
          ByteBuffer target = reader.beginRead();
          int n = Math.min(target.remaining(), 1 + chunking.nextInt(input.length - at));
          target.put(input, at, n);
          reader.endRead(n);
          at += n;
          while (true) {
            RecordReader.Result r = reader.next();
            if (r instanceof RecordReader.Violation) {
              closed++;
              break feed;
            }
            if (!(r instanceof RecordReader.Record record)) {
              break;
            }
            ByteBuffer payload = record.payload();
            int xid = payload.remaining() >= 4 ? payload.getInt(0) : 0;
            CallHeaderDecoder.Outcome outcome =
                CallHeaderDecoder.decode(payload, new InetSocketAddress("127.0.0.1", 1));
            if (outcome instanceof CallHeaderDecoder.Drop) {
              record.lease().release();
              closed++;
              break feed;
            }
            xids.add(xid);
            dispatcher.submit(state, outcome, record.lease());
            dispatched++;
          }
        }
        reader.close();
        state.closed();
      } catch (RuntimeException | Error e) {
        throw new AssertionError(
            "iteration " + i + " (seed " + seed + ") escaped with input " + hex(input), e);
      }
      long allocated = threads.getThreadAllocatedBytes(thread) - before;
      assertThat(allocated)
          .as("bytes allocated for iteration %d, input %s", i, hex(input))
          .isLessThan(MAX_ALLOCATION);
      assertThat(channel.replies)
          .as("one reply per call, iteration %d, input %s", i, hex(input))
          .hasSize(xids.size());
      for (int k = 0; k < xids.size(); k++) {
        RawRpc.Reply reply = RawRpc.Reply.parse(channel.replies.get(k));
        assertThat(reply.xid()).isEqualTo(xids.get(k));
        if (reply.replyStat() == 0 && reply.acceptStat() == 4) {
          garbage++;
        }
      }
      assertThat(state.inFlight()).as("slots freed after iteration %d", i).isZero();
      assertThat(state.running()).as("nothing running after iteration %d", i).isZero();
      assertThat(buffers.leased()).as("buffers returned after iteration %d", i).isZero();
    }
    System.out.printf(
        "fuzz: %d inputs, %d calls dispatched, %d GARBAGE_ARGS, %d closed (seed %d)%n",
        iterations, dispatched, garbage, closed, seed);
    // The mutations must reach the decoders, not only the framing.
    assertThat(dispatched).isGreaterThan(iterations / 2);
    assertThat(garbage).isPositive();
    assertThat(closed).isPositive();
  }

  // ------------------------------------------------------------------ inputs

  private static List<byte[]> templates(InMemoryFileService files) throws Exception {
    ExportView alpha = files.addExport("alpha");
    Caller root = InMemoryFileService.root();
    HandleCodec codec = new HandleCodec(files.handleSecret());
    FileRef dirRef = files.mkdir(root, alpha.root(), "dir", SetAttributes.NONE).ref();
    FileRef fileRef =
        files.create(root, dirRef, "file", CreateMode.GUARDED, SetAttributes.NONE, 0).ref();
    files.write(
        root,
        fileRef,
        0,
        ByteBuffer.wrap(new byte[5000]),
        org.ferryfs.frontend.WriteStability.FILE_SYNC);
    FileRef linkRef = files.symlink(root, dirRef, "link", "file", SetAttributes.NONE).ref();
    NfsFh3 rootFh = new NfsFh3(codec.encode(alpha.root()));
    NfsFh3 dir = new NfsFh3(codec.encode(dirRef));
    NfsFh3 file = new NfsFh3(codec.encode(fileRef));
    NfsFh3 link = new NfsFh3(codec.encode(linkRef));
    Sattr3 sattr =
        new Sattr3(0644, 0, 0, 10L, SetTime3.SERVER_TIME, SetTime3.client(new Nfstime3(1, 2)));
    Diropargs3 name = new Diropargs3(dir, "name");

    List<byte[]> t = new ArrayList<>();
    XdrType[] nfs = {
      NULL3args.INSTANCE,
      new GETATTR3args(file),
      new SETATTR3args(file, sattr, new Sattrguard3(new Nfstime3(3, 4))),
      new LOOKUP3args(new Diropargs3(dir, "file")),
      new ACCESS3args(file, 0x3F),
      new READLINK3args(link),
      new READ3args(file, 0, 4096),
      new WRITE3args(file, 100, 16, StableHow.UNSTABLE, ByteBuffer.wrap(new byte[16])),
      new CREATE3args(name, Createhow3.unchecked(sattr)),
      new CREATE3args(name, Createhow3.exclusive(77)),
      new MKDIR3args(new Diropargs3(dir, "sub"), sattr),
      new SYMLINK3args(new Diropargs3(dir, "sym"), sattr, "a/b/c"),
      new MKNOD3args(new Diropargs3(dir, "fifo"), Ftype3.NF3FIFO, sattr, null),
      new MKNOD3args(new Diropargs3(dir, "chr"), Ftype3.NF3CHR, sattr, new Specdata3(1, 2)),
      new REMOVE3args(name),
      new RMDIR3args(new Diropargs3(dir, "sub")),
      new RENAME3args(new Diropargs3(dir, "file"), new Diropargs3(rootFh, "renamed")),
      new LINK3args(file, new Diropargs3(rootFh, "hard")),
      new READDIR3args(dir, 0, 0, 4096),
      new READDIRPLUS3args(dir, 0, 0, 1024, 8192),
      new FSSTAT3args(rootFh),
      new FSINFO3args(rootFh),
      new PATHCONF3args(rootFh),
      new COMMIT3args(file, 0, 0)
    };
    for (int proc = 0; proc < nfs.length; proc++) {
      t.add(
          RawRpc.record(
              RawRpc.call(
                  1000 + proc, 100003, 3, procOf(nfs[proc]), XdrTesting.encode(nfs[proc]))));
    }
    t.add(RawRpc.record(RawRpc.call(2000, 100005, 3, 0, new byte[0])));
    t.add(
        RawRpc.record(
            RawRpc.call(2001, 100005, 3, 1, XdrTesting.encode(new Dirpath("/alpha/dir")))));
    t.add(RawRpc.record(RawRpc.call(2002, 100005, 3, 2, new byte[0])));
    t.add(RawRpc.record(RawRpc.call(2003, 100005, 3, 3, XdrTesting.encode(new Dirpath("/alpha")))));
    t.add(RawRpc.record(RawRpc.call(2004, 100005, 3, 4, new byte[0])));
    t.add(RawRpc.record(RawRpc.call(2005, 100005, 3, 5, XdrTesting.encode(Empty.INSTANCE))));
    t.add(
        RawRpc.record(
            RawRpc.call(3000, 100000, 2, 3, XdrTesting.encode(new Mapping(100003, 3, 6, 0)))));
    t.add(RawRpc.record(RawRpc.call(3001, 100000, 2, 4, new byte[0])));
    t.add(
        RawRpc.record(RawRpc.call(3002, 100000, 2, 1, XdrTesting.encode(new Mapping(1, 1, 6, 1)))));
    // Two records back to back, and an AUTH_NONE call.
    t.add(
        new RawRpc.Bytes()
            .raw(
                RawRpc.record(
                    RawRpc.call(4000, 100003, 3, 1, XdrTesting.encode(new GETATTR3args(dir)))))
            .raw(
                RawRpc.record(
                    RawRpc.call(
                        4001, 100003, 3, 6, XdrTesting.encode(new READ3args(file, 10, 10)))))
            .toByteArray());
    t.add(
        RawRpc.record(
            RawRpc.call(
                4002,
                2,
                100003,
                3,
                16,
                RawRpc.AUTH_NONE,
                new byte[0],
                XdrTesting.encode(new READDIR3args(rootFh, 0, 0, 512)))));
    return t;
  }

  private static int procOf(XdrType args) {
    String n = args.getClass().getSimpleName().replace("3args", "");
    List<String> names =
        List.of(
            "NULL",
            "GETATTR",
            "SETATTR",
            "LOOKUP",
            "ACCESS",
            "READLINK",
            "READ",
            "WRITE",
            "CREATE",
            "MKDIR",
            "SYMLINK",
            "MKNOD",
            "REMOVE",
            "RMDIR",
            "RENAME",
            "LINK",
            "READDIR",
            "READDIRPLUS",
            "FSSTAT",
            "FSINFO",
            "PATHCONF",
            "COMMIT");
    return names.indexOf(n);
  }

  private static byte[] mutate(byte[] template, Random r) {
    byte[] b = template.clone();
    int rounds = 1 + r.nextInt(3);
    for (int k = 0; k < rounds; k++) {
      switch (r.nextInt(8)) {
        case 0 -> {
          int flips = 1 + r.nextInt(8);
          for (int i = 0; i < flips; i++) {
            int bit = r.nextInt(b.length * 8);
            b[bit / 8] ^= (byte) (1 << (bit % 8));
          }
        }
        case 1, 2 -> {
          // A boundary value into a random aligned word, which is where lengths and enums live.
          if (b.length >= 8) {
            int at = 4 + 4 * r.nextInt((b.length - 4) / 4);
            int v = BOUNDARY[r.nextInt(BOUNDARY.length)];
            ByteBuffer.wrap(b).putInt(Math.min(at, b.length - 4), v);
          }
        }
        case 3 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
        case 4 -> {
          byte[] extra = new byte[1 + r.nextInt(64)];
          r.nextBytes(extra);
          int at = r.nextInt(b.length + 1);
          byte[] out = new byte[b.length + extra.length];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(extra, 0, out, at, extra.length);
          System.arraycopy(b, at, out, at + extra.length, b.length - at);
          b = fixMarker(out, r);
        }
        case 5 -> {
          if (b.length > 8) {
            int from = 4 + r.nextInt(b.length - 4);
            int len = 1 + r.nextInt(Math.min(32, b.length - from));
            byte[] out = new byte[b.length - len];
            System.arraycopy(b, 0, out, 0, from);
            System.arraycopy(b, from + len, out, from, b.length - from - len);
            b = fixMarker(out, r);
          }
        }
        case 6 -> {
          int from = r.nextInt(b.length);
          int len = 1 + r.nextInt(Math.min(64, b.length - from));
          byte[] out = new byte[b.length + len];
          System.arraycopy(b, 0, out, 0, from + len);
          System.arraycopy(b, from, out, from + len, b.length - from);
          b = fixMarker(out, r);
        }
        default -> {
          if (b.length >= 4) {
            ByteBuffer.wrap(b)
                .putInt(0, r.nextBoolean() ? r.nextInt() : 0x8000_0000 | r.nextInt(b.length + 8));
          }
        }
      }
      if (b.length == 0) {
        break;
      }
    }
    return b;
  }

  /** Usually keeps the marker consistent with the new length, so the mutation reaches decoders. */
  private static byte[] fixMarker(byte[] b, Random r) {
    if (b.length >= 4 && r.nextInt(4) != 0) {
      ByteBuffer.wrap(b).putInt(0, 0x8000_0000 | (b.length - 4));
    }
    return b;
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b, 0, Math.min(b.length, 512));
  }

  // ------------------------------------------------------------------ fakes

  /** Captures replies and completes their sends at once. */
  /** Keeps each reply record's bytes without its marker, after checking the marker. */
  private static final class CapturingChannel implements ReplyChannel {
    final List<byte[]> replies = new ArrayList<>();

    @Override
    public void send(List<ByteBuffer> record, Runnable done) {
      int n = 0;
      for (ByteBuffer b : record) {
        n += b.remaining();
      }
      ByteBuffer all = ByteBuffer.allocate(n);
      for (ByteBuffer b : record) {
        all.put(b.duplicate());
      }
      all.flip();
      int marker = all.getInt();
      assertThat(marker)
          .as("record marker: last fragment, rest of the record")
          .isEqualTo(0x8000_0000 | (n - 4));
      byte[] bytes = new byte[n - 4];
      all.get(bytes);
      replies.add(bytes);
      done.run();
    }
  }

  private static final class FakeControl implements ConnectionControl {
    @Override
    public void setReading(boolean on) {}

    @Override
    public void close() {}

    @Override
    public InetSocketAddress remote() {
      return new InetSocketAddress("127.0.0.1", 1);
    }
  }
}
