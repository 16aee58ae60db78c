package org.ferryfs.nfs.v3.xdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.rpc.CallCredential;
import org.ferryfs.nfs.rpc.CallHeaderDecoder;
import org.ferryfs.nfs.rpc.RpcRequest;
import org.ferryfs.nfs.testing.RawRpc.Bytes;
import org.ferryfs.nfs.testing.XdrTesting;
import org.ferryfs.nfs.xdr.XdrException;
import org.junit.jupiter.api.Test;

/** Byte-level checks against messages built by hand from RFC 5531 and RFC 1813. */
class Nfs3WireBytesTest {

  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 999);

  /** RFC 5531 §9 call_body + RFC 5531 App. A authsys_parms + RFC 1813 §3.3.1 GETATTR3args. */
  @Test
  void getattrCallBuiltByHand() throws IOException {
    byte[] message = {
      0x01,
      0x02,
      0x03,
      0x04, // xid
      0,
      0,
      0,
      0, // msg_type CALL
      0,
      0,
      0,
      2, // rpcvers 2
      0,
      1,
      (byte) 0x86,
      (byte) 0xA3, // prog 100003
      0,
      0,
      0,
      3, // vers 3
      0,
      0,
      0,
      1, // proc 1 GETATTR
      0,
      0,
      0,
      1, // cred flavor AUTH_SYS
      0,
      0,
      0,
      32, // cred body length
      0,
      0,
      0,
      7, // stamp
      0,
      0,
      0,
      4,
      'h',
      'o',
      's',
      't', // machinename
      0,
      0,
      0x03,
      (byte) 0xE8, // uid 1000
      0,
      0,
      0,
      100, // gid 100
      0,
      0,
      0,
      2,
      0,
      0,
      0,
      100,
      0,
      0,
      0,
      (byte) 200, // gids <100, 200>
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0, // verf AUTH_NONE, empty
      0,
      0,
      0,
      5,
      'A',
      'B',
      'C',
      'D',
      'E',
      0,
      0,
      0 // nfs_fh3 of 5 bytes, 3 pad bytes
    };
    CallHeaderDecoder.Outcome outcome = CallHeaderDecoder.decode(ByteBuffer.wrap(message), PEER);
    assertThat(outcome).isInstanceOf(CallHeaderDecoder.Accept.class);
    RpcRequest call = ((CallHeaderDecoder.Accept) outcome).request();
    assertThat(call.xid()).isEqualTo(0x01020304);
    assertThat(call.program()).isEqualTo(100003);
    assertThat(call.version()).isEqualTo(3);
    assertThat(call.procedure()).isEqualTo(1);
    assertThat(call.credential())
        .isEqualTo(new CallCredential.AuthSys(7, "host", 1000, 100, new int[] {100, 200}));
    Xdr args = call.args();
    args.beginDecoding();
    GETATTR3args decoded = GETATTR3args.decode(args);
    assertThat(decoded.object().data()).isEqualTo("ABCDE".getBytes(StandardCharsets.US_ASCII));
    assertThat(args.hasMoreData()).isFalse();

    // And our own encoder produces exactly the argument bytes.
    assertThat(XdrTesting.encode(decoded))
        .isEqualTo(new Bytes().opaque("ABCDE".getBytes(StandardCharsets.US_ASCII)).toByteArray());
  }

  /** RFC 1813 §3.3.1 GETATTR3res with §2.6 fattr3, field by field. */
  @Test
  void getattrReplyBytes() {
    Fattr3 a =
        new Fattr3(
            Ftype3.NF3DIR,
            0755,
            3,
            1000,
            100,
            4096,
            8192,
            new Specdata3(0, 0),
            2,
            0x1122334455667788L,
            new Nfstime3(10, 11),
            new Nfstime3(20, 21),
            new Nfstime3(30, 31));
    byte[] expected =
        new Bytes()
            .u32(0) // NFS3_OK
            .u32(2) // NF3DIR
            .u32(0755)
            .u32(3)
            .u32(1000)
            .u32(100)
            .u64(4096)
            .u64(8192)
            .u32(0)
            .u32(0)
            .u64(2) // fsid = export index
            .u64(0x1122334455667788L) // fileid = Ferry object id
            .u32(10)
            .u32(11)
            .u32(20)
            .u32(21)
            .u32(30)
            .u32(31)
            .toByteArray();
    assertThat(XdrTesting.encode(GETATTR3res.ok(a))).isEqualTo(expected);
    assertThat(XdrTesting.encode(GETATTR3res.fail(Nfsstat3.NFS3ERR_STALE)))
        .isEqualTo(new Bytes().u32(70).toByteArray());
  }

  /** RFC 1813 §3.3.6 READ3args and §3.3.16 entry3 lists. */
  @Test
  void readArgsAndReaddirReplyBytes() throws IOException {
    byte[] readArgs =
        new Bytes().opaque(new byte[] {9}).u64(0x100000000L).u32(0x8000_0000).toByteArray();
    READ3args r = XdrTesting.decode(readArgs, READ3args::decode);
    assertThat(r.offset()).isEqualTo(0x100000000L);
    assertThat(r.count()).isEqualTo(0x8000_0000L); // unsigned

    READDIR3res res =
        new READDIR3res(
            0, PostOpAttr.ABSENT, 0xABL, java.util.List.of(new Entry3(5, "ab", 77)), true);
    byte[] expected =
        new Bytes()
            .u32(0)
            .u32(0) // post_op_attr absent
            .u64(0xAB) // cookieverf
            .u32(1) // value follows
            .u64(5)
            .string("ab")
            .u64(77)
            .u32(0) // no more entries
            .u32(1) // eof
            .toByteArray();
    assertThat(XdrTesting.encode(res)).isEqualTo(expected);
  }

  // ------------------------------------------------------------------ limits

  @Test
  void handleLongerThanFhsizeIsMalformed() {
    byte[] bytes = new Bytes().opaque(new byte[65]).toByteArray();
    assertThatThrownBy(() -> XdrTesting.decode(bytes, GETATTR3args::decode))
        .isInstanceOf(XdrException.class)
        .hasMessageContaining("64");
  }

  @Test
  void hugeLengthsAreRefusedBeforeAllocating() {
    byte[] claim = new Bytes().u32(0x7FFF_FFFF).toByteArray();
    assertThatThrownBy(() -> XdrTesting.decode(claim, NfsFh3::decode))
        .isInstanceOf(XdrException.class);
    byte[] write =
        new Bytes()
            .opaque(new byte[4])
            .u64(0)
            .u32(16)
            .u32(0)
            .u32(Nfs3Limits.WTMAX + 1)
            .toByteArray();
    assertThatThrownBy(() -> XdrTesting.decode(write, WRITE3args::decode))
        .isInstanceOf(XdrException.class)
        .hasMessageContaining("WRITE3args data");
    byte[] shortData =
        new Bytes().opaque(new byte[4]).u64(0).u32(16).u32(0).u32(100).u32(1).toByteArray();
    assertThatThrownBy(() -> XdrTesting.decode(shortData, WRITE3args::decode))
        .isInstanceOf(XdrException.class);
  }

  @Test
  void namesFollowTheFilenameRules() {
    assertThat(nameStatus(new Bytes().string("n".repeat(256)).toByteArray()))
        .isEqualTo(BackendStatus.NAME_TOO_LONG);
    assertThat(nameStatus(new Bytes().u32(0x7FFF_FFFF).toByteArray()))
        .isEqualTo(BackendStatus.NAME_TOO_LONG);
    assertThat(nameStatus(new Bytes().string("a/b").toByteArray()))
        .isEqualTo(BackendStatus.ACCESS_DENIED);
    assertThat(nameStatus(new Bytes().opaque(new byte[] {'a', 0}).toByteArray()))
        .isEqualTo(BackendStatus.ACCESS_DENIED);
    assertThat(nameStatus(new Bytes().opaque(new byte[] {(byte) 0xC3, 0x28}).toByteArray()))
        .isEqualTo(BackendStatus.ACCESS_DENIED);
    assertThat(nameStatus(new Bytes().u32(0).toByteArray())).isEqualTo(BackendStatus.ACCESS_DENIED);
    assertThat(nameStatus(new Bytes().string("n".repeat(255)).toByteArray())).isNull();
    assertThat(nameStatus(new Bytes().string("ok ü").toByteArray())).isNull();
  }

  private static BackendStatus nameStatus(byte[] bytes) {
    try {
      XdrTesting.decode(bytes, Filename3::decode);
      return null;
    } catch (BackendException e) {
      return e.status();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void enumsAndBoolsOutsideTheirRangeAreMalformed() {
    assertThatThrownBy(
            () -> XdrTesting.decode(new Bytes().u32(2).toByteArray(), PostOpAttr::decode))
        .isInstanceOf(XdrException.class);
    assertThatThrownBy(() -> XdrTesting.decode(new Bytes().u32(8).toByteArray(), Ftype3::decode))
        .isInstanceOf(XdrException.class);
    assertThatThrownBy(() -> XdrTesting.decode(new Bytes().u32(3).toByteArray(), StableHow::decode))
        .isInstanceOf(XdrException.class);
    assertThatThrownBy(() -> XdrTesting.decode(new Bytes().u32(3).toByteArray(), SetTime3::decode))
        .isInstanceOf(XdrException.class);
    assertThatThrownBy(
            () -> XdrTesting.decode(new Bytes().u32(5).toByteArray(), Createhow3::decode))
        .isInstanceOf(XdrException.class);
  }

  @Test
  void truncatedArgumentsAreMalformed() {
    byte[] full =
        XdrTesting.encode(
            new SETATTR3args(
                new NfsFh3(new byte[8]),
                new Sattr3(1, 2, 3, 4L, SetTime3.SERVER_TIME, SetTime3.DONT_CHANGE),
                Sattrguard3.NONE));
    for (int n = 0; n < full.length; n += 4) {
      byte[] cut = java.util.Arrays.copyOf(full, n);
      assertThatThrownBy(() -> XdrTesting.decode(cut, SETATTR3args::decode))
          .isInstanceOf(IOException.class);
    }
  }
}
