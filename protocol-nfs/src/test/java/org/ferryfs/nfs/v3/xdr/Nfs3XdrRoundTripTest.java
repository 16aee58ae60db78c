package org.ferryfs.nfs.v3.xdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ferryfs.nfs.testing.XdrTesting;
import org.ferryfs.nfs.xdr.XdrDecoder;
import org.ferryfs.nfs.xdr.XdrType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every NFSv3 argument and result type: encode → decode → equal, ok and failed variants. */
class Nfs3XdrRoundTripTest {

  static final NfsFh3 FH = new NfsFh3(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
  static final NfsFh3 FH2 = new NfsFh3(new byte[64]);
  static final Nfstime3 T1 = new Nfstime3(1_700_000_000L, 123_456_789);
  static final Nfstime3 T2 = new Nfstime3(0xFFFF_FFFFL, 999_999_999);
  static final Fattr3 ATTRS =
      new Fattr3(
          Ftype3.NF3REG,
          0644,
          2,
          1000,
          100,
          1L << 40,
          4096,
          new Specdata3(8, 1),
          7,
          0x7FFF_FFFF_FFFF_FFFFL,
          T1,
          T2,
          Nfstime3.ZERO);
  static final PostOpAttr POST = new PostOpAttr(ATTRS);
  static final WccData WCC =
      new WccData(new PreOpAttr(new WccAttr(5, T1, T2)), new PostOpAttr(ATTRS));
  static final Sattr3 SATTR =
      new Sattr3(0755, 1, 2, 99L, SetTime3.SERVER_TIME, SetTime3.client(T1));
  static final Diropargs3 WHERE = new Diropargs3(FH, "naïve name");

  static ByteBuffer bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return ByteBuffer.wrap(b);
  }

  static Arguments a(XdrType value, XdrDecoder<? extends XdrType> decoder) {
    return Arguments.of(value.getClass().getSimpleName(), value, decoder);
  }

  static Stream<Arguments> args() {
    return Stream.of(
        a(NULL3args.INSTANCE, NULL3args::decode),
        a(new GETATTR3args(FH), GETATTR3args::decode),
        a(new SETATTR3args(FH, SATTR, new Sattrguard3(T1)), SETATTR3args::decode),
        a(new SETATTR3args(FH, Sattr3.NONE, Sattrguard3.NONE), SETATTR3args::decode),
        a(new LOOKUP3args(WHERE), LOOKUP3args::decode),
        a(new ACCESS3args(FH, 0x3F), ACCESS3args::decode),
        a(new READLINK3args(FH), READLINK3args::decode),
        a(new READ3args(FH, -2L, 0xFFFF_FFFFL), READ3args::decode),
        a(new WRITE3args(FH, 42, 3, StableHow.DATA_SYNC, bytes(3)), WRITE3args::decode),
        a(new WRITE3args(FH, 0, 1 << 20, StableHow.FILE_SYNC, bytes(1 << 20)), WRITE3args::decode),
        // appended without a copy by a client (oncrpc4j Xdr), with 3 pad bytes after it
        a(new WRITE3args(FH, 7, 4097, StableHow.UNSTABLE, bytes(4097)), WRITE3args::decode),
        a(new CREATE3args(WHERE, Createhow3.unchecked(SATTR)), CREATE3args::decode),
        a(new CREATE3args(WHERE, Createhow3.guarded(Sattr3.NONE)), CREATE3args::decode),
        a(new CREATE3args(WHERE, Createhow3.exclusive(-1L)), CREATE3args::decode),
        a(new MKDIR3args(WHERE, SATTR), MKDIR3args::decode),
        a(new SYMLINK3args(WHERE, SATTR, "../target/ü"), SYMLINK3args::decode),
        a(new MKNOD3args(WHERE, Ftype3.NF3CHR, SATTR, new Specdata3(1, 3)), MKNOD3args::decode),
        a(new MKNOD3args(WHERE, Ftype3.NF3FIFO, SATTR, null), MKNOD3args::decode),
        a(new MKNOD3args(WHERE, Ftype3.NF3REG, null, null), MKNOD3args::decode),
        a(new REMOVE3args(WHERE), REMOVE3args::decode),
        a(new RMDIR3args(WHERE), RMDIR3args::decode),
        a(new RENAME3args(WHERE, new Diropargs3(FH2, "b")), RENAME3args::decode),
        a(new LINK3args(FH2, WHERE), LINK3args::decode),
        a(new READDIR3args(FH, 77, -5, 4096), READDIR3args::decode),
        a(new READDIRPLUS3args(FH, 77, 5, 1024, 8192), READDIRPLUS3args::decode),
        a(new FSSTAT3args(FH), FSSTAT3args::decode),
        a(new FSINFO3args(FH), FSINFO3args::decode),
        a(new PATHCONF3args(FH), PATHCONF3args::decode),
        a(new COMMIT3args(FH, 10, 20), COMMIT3args::decode));
  }

  static Stream<Arguments> results() {
    int e = Nfsstat3.NFS3ERR_STALE;
    return Stream.of(
        a(NULL3res.INSTANCE, NULL3res::decode),
        a(GETATTR3res.ok(ATTRS), GETATTR3res::decode),
        a(GETATTR3res.fail(e), GETATTR3res::decode),
        a(new SETATTR3res(0, WCC), SETATTR3res::decode),
        a(new SETATTR3res(Nfsstat3.NFS3ERR_NOT_SYNC, WccData.EMPTY), SETATTR3res::decode),
        a(LOOKUP3res.ok(FH, POST, PostOpAttr.ABSENT), LOOKUP3res::decode),
        a(LOOKUP3res.fail(Nfsstat3.NFS3ERR_NOENT, POST), LOOKUP3res::decode),
        a(new ACCESS3res(0, POST, 0x1F), ACCESS3res::decode),
        a(ACCESS3res.fail(e, PostOpAttr.ABSENT), ACCESS3res::decode),
        a(new READLINK3res(0, POST, "/a/b"), READLINK3res::decode),
        a(READLINK3res.fail(Nfsstat3.NFS3ERR_INVAL, POST), READLINK3res::decode),
        a(READ3res.ok(POST, true, bytes(5)), READ3res::decode),
        a(READ3res.ok(POST, false, bytes(1 << 20)), READ3res::decode),
        a(READ3res.ok(PostOpAttr.ABSENT, true, bytes(0)), READ3res::decode),
        a(READ3res.fail(e, POST), READ3res::decode),
        a(new WRITE3res(0, WCC, 100, StableHow.UNSTABLE, 0x0102030405060708L), WRITE3res::decode),
        a(WRITE3res.fail(Nfsstat3.NFS3ERR_NOSPC, WCC), WRITE3res::decode),
        a(CREATE3res.ok(new PostOpFh3(FH), POST, WCC), CREATE3res::decode),
        a(CREATE3res.fail(Nfsstat3.NFS3ERR_EXIST, WCC), CREATE3res::decode),
        a(MKDIR3res.ok(PostOpFh3.ABSENT, PostOpAttr.ABSENT, WccData.EMPTY), MKDIR3res::decode),
        a(MKDIR3res.fail(e, WCC), MKDIR3res::decode),
        a(SYMLINK3res.ok(new PostOpFh3(FH2), POST, WCC), SYMLINK3res::decode),
        a(SYMLINK3res.fail(e, WccData.EMPTY), SYMLINK3res::decode),
        a(MKNOD3res.ok(new PostOpFh3(FH), POST, WCC), MKNOD3res::decode),
        a(MKNOD3res.fail(Nfsstat3.NFS3ERR_BADTYPE, WccData.EMPTY), MKNOD3res::decode),
        a(new REMOVE3res(0, WCC), REMOVE3res::decode),
        a(new REMOVE3res(Nfsstat3.NFS3ERR_ISDIR, WccData.EMPTY), REMOVE3res::decode),
        a(new RMDIR3res(Nfsstat3.NFS3ERR_NOTEMPTY, WCC), RMDIR3res::decode),
        a(new RENAME3res(0, WCC, WccData.EMPTY), RENAME3res::decode),
        a(new LINK3res(Nfsstat3.NFS3ERR_XDEV, POST, WCC), LINK3res::decode),
        a(
            new READDIR3res(
                0,
                POST,
                0x1234L,
                List.of(new Entry3(1, ".", 1), new Entry3(2, "..", 2), new Entry3(9, "日本", 99)),
                true),
            READDIR3res::decode),
        a(new READDIR3res(0, PostOpAttr.ABSENT, 0, List.of(), false), READDIR3res::decode),
        a(READDIR3res.fail(Nfsstat3.NFS3ERR_BAD_COOKIE, POST), READDIR3res::decode),
        a(
            new READDIRPLUS3res(
                0,
                POST,
                -1L,
                List.of(
                    new Entryplus3(1, "a", 3, POST, new PostOpFh3(FH)),
                    new Entryplus3(2, "bb", 4, PostOpAttr.ABSENT, PostOpFh3.ABSENT)),
                false),
            READDIRPLUS3res::decode),
        a(
            READDIRPLUS3res.fail(Nfsstat3.NFS3ERR_TOOSMALL, PostOpAttr.ABSENT),
            READDIRPLUS3res::decode),
        a(new FSSTAT3res(0, POST, 1, 2, 3, 4, 5, 6, 7), FSSTAT3res::decode),
        a(FSSTAT3res.fail(e, POST), FSSTAT3res::decode),
        a(
            new FSINFO3res(0, POST, 1, 2, 3, 4, 5, 6, 7, Long.MAX_VALUE, new Nfstime3(0, 1), 0x1B),
            FSINFO3res::decode),
        a(FSINFO3res.fail(e, PostOpAttr.ABSENT), FSINFO3res::decode),
        a(new PATHCONF3res(0, POST, 32000, 255, true, false, true, false), PATHCONF3res::decode),
        a(PATHCONF3res.fail(e, POST), PATHCONF3res::decode),
        a(new COMMIT3res(0, WCC, 42), COMMIT3res::decode),
        a(COMMIT3res.fail(Nfsstat3.NFS3ERR_IO, WCC), COMMIT3res::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("args")
  void argumentsRoundTrip(String name, XdrType value, XdrDecoder<? extends XdrType> decoder)
      throws Exception {
    XdrTesting.roundTrip(value, decoder);
  }

  /** A client decodes a READ reply's data straight into its own buffer, from its position. */
  @Test
  void readResultDecodesIntoTheCallersBuffer() throws Exception {
    ByteBuffer data = bytes(4099);
    byte[] wire = XdrTesting.encode(READ3res.ok(POST, true, data));
    ByteBuffer dst = ByteBuffer.allocateDirect(8192).position(10);
    READ3res r = XdrTesting.decode(wire, READ3res.into(dst));
    assertThat(r.ok()).isTrue();
    assertThat(r.eof()).isTrue();
    assertThat(r.fileAttributes()).isEqualTo(POST);
    assertThat(r.data()).isEqualTo(data);
    assertThat(dst.position()).as("the caller's buffer does not move").isEqualTo(10);
    assertThat(dst.slice(10, 4099)).isEqualTo(data);
    // more data than the caller has room for is malformed, nothing is written past the room
    ByteBuffer small = ByteBuffer.allocate(4098);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> XdrTesting.decode(wire, READ3res.into(small)))
        .isInstanceOf(org.ferryfs.nfs.xdr.XdrException.class);
    // a failed READ has no data
    READ3res failed =
        XdrTesting.decode(
            XdrTesting.encode(READ3res.fail(Nfsstat3.NFS3ERR_IO, POST)), READ3res.into(dst));
    assertThat(failed.ok()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("results")
  void resultsRoundTrip(String name, XdrType value, XdrDecoder<? extends XdrType> decoder)
      throws Exception {
    XdrTesting.roundTrip(value, decoder);
  }

  @Test
  void everyArgsAndResClassIsCovered() {
    java.util.Set<String> covered = new java.util.HashSet<>();
    Stream.concat(args(), results()).forEach(x -> covered.add((String) x.get()[0]));
    for (String proc :
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
            "COMMIT")) {
      assertThat(covered).contains(proc + "3args", proc + "3res");
    }
  }

  @Test
  void fattr3IsEightyFourBytes() {
    assertThat(XdrTesting.encode(ATTRS)).hasSize(Fattr3.SIZE);
  }
}
