package org.ferryfs.smb.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.WireException;
import org.junit.jupiter.api.Test;

/** DCE/RPC bind and srvsvc NetrShareEnum through a pipe, byte by byte, and a mutation run. */
class RpcPipeTest {
  static final List<NetrShareEnum.Share> SHARES =
      List.of(
          new NetrShareEnum.Share("alpha", NetrShareEnum.STYPE_DISKTREE, ""),
          new NetrShareEnum.Share("IPC$", NetrShareEnum.STYPE_IPC_SPECIAL, "IPC Service"));

  static byte[] bind(int callId) {
    ByteWriter w = new ByteWriter();
    RpcPdu.encode(w, RpcPdu.BIND, 3, callId);
    w.u16(4280).u16(4280).i32(0).u8(1).u8(0).u16(0);
    w.u16(0).u8(1).u8(0).bytes(Srvsvc.UUID).u16(3).u16(0).bytes(RpcPipe.NDR).i32(2);
    return RpcPdu.finish(w);
  }

  /** NetrShareEnum(ServerName "\\h", level 1, empty container, max -1, resume handle 0). */
  static byte[] shareEnum(int callId, int level) {
    ByteWriter stub = new ByteWriter();
    stub.i32(0x20000).i32(4).i32(0).i32(4).utf16("\\\\h").u16(0);
    stub.i32(level).i32(level).i32(0x20004).i32(0).i32(0).i32(-1).i32(0x20008).i32(0);
    byte[] s = stub.toByteArray();
    ByteWriter w = new ByteWriter();
    RpcPdu.encode(w, RpcPdu.REQUEST, 3, callId);
    w.i32(s.length).u16(0).u16(NetrShareEnum.OPNUM).bytes(s);
    return RpcPdu.finish(w);
  }

  @Test
  void bindsAndEnumeratesShares() throws Exception {
    RpcPipe p = new RpcPipe(new Srvsvc(() -> SHARES));
    byte[] ack = p.transceive(bind(1), 4280);
    ByteReader r = new ByteReader(ack);
    RpcPdu h = RpcPdu.decode(r);
    assertThat(h.type()).isEqualTo(RpcPdu.BIND_ACK);
    assertThat(h.fragLength()).isEqualTo(ack.length);
    r.skip(8);
    int portLen = r.u16();
    assertThat(new String(r.bytes(portLen), StandardCharsets.US_ASCII))
        .isEqualTo("\\PIPE\\srvsvc\0");
    r.skip((4 - (r.position() & 3)) & 3);
    assertThat(r.u8()).isEqualTo(1);
    r.skip(3);
    assertThat(r.u16()).as("acceptance").isZero();

    // The request split over two writes, as a client writing in pieces would.
    byte[] req = shareEnum(2, 1);
    p.write(Arrays.copyOf(req, 10));
    assertThat(p.pending()).isZero();
    p.write(Arrays.copyOfRange(req, 10, req.length));
    byte[] resp = p.read(4280);
    ByteReader rr = new ByteReader(resp);
    RpcPdu rh = RpcPdu.decode(rr);
    assertThat(rh.type()).isEqualTo(RpcPdu.RESPONSE);
    assertThat(rh.flags() & 3).isEqualTo(3);
    rr.skip(8);
    assertThat(rr.i32()).as("level").isEqualTo(1);
    assertThat(rr.i32()).as("switch").isEqualTo(1);
    assertThat(rr.u32()).as("container").isNotZero();
    assertThat(rr.i32()).as("EntriesRead").isEqualTo(2);
    rr.u32();
    assertThat(rr.i32()).as("max_count").isEqualTo(2);
    rr.skip(4);
    assertThat(rr.i32()).as("type of alpha").isEqualTo(0);
    rr.skip(8);
    assertThat(rr.i32()).as("type of IPC$").isEqualTo(NetrShareEnum.STYPE_IPC_SPECIAL);
    rr.skip(4);
    assertThat(rr.i32()).as("alpha's max_count").isEqualTo(6);
    rr.skip(8);
    assertThat(new String(rr.bytes(10), StandardCharsets.UTF_16LE)).isEqualTo("alpha");
    byte[] tail = Arrays.copyOfRange(resp, resp.length - 4, resp.length);
    assertThat(tail).as("WERROR 0").containsOnly(0);
  }

  @Test
  void anUnknownOpnumOrUnboundContextFaults() throws Exception {
    RpcPipe p = new RpcPipe(new Srvsvc(() -> SHARES));
    byte[] out = p.transceive(shareEnum(1, 1), 4280);
    assertThat(RpcPdu.decode(new ByteReader(out)).type()).isEqualTo(RpcPdu.FAULT);
    p.transceive(bind(2), 4280);
    byte[] req = shareEnum(3, 1);
    req[22] = 99; // opnum
    byte[] f = p.transceive(req, 4280);
    ByteReader r = new ByteReader(f);
    assertThat(RpcPdu.decode(r).type()).isEqualTo(RpcPdu.FAULT);
    r.skip(8);
    assertThat(r.i32()).isEqualTo(RpcFault.OP_RNG_ERROR);
    byte[] lvl = p.transceive(shareEnum(4, 502), 4280);
    assertThat(Arrays.copyOfRange(lvl, lvl.length - 4, lvl.length))
        .isEqualTo(new byte[] {124, 0, 0, 0});
  }

  @Test
  void mutatedPdusNeverThrowAnythingButWireException() {
    int iterations = Integer.getInteger("ferry.fuzz.iterations", 20000);
    Random rnd = new Random(17);
    byte[] bind = bind(1);
    byte[] req = shareEnum(2, 1);
    for (int i = 0; i < iterations; i++) {
      RpcPipe p = new RpcPipe(new Srvsvc(() -> SHARES));
      boolean second = rnd.nextBoolean();
      byte[] m = (second ? req : bind).clone();
      for (int f = 1 + rnd.nextInt(6); f > 0; f--) {
        m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
      }
      if (rnd.nextInt(6) == 0) {
        m = Arrays.copyOf(m, rnd.nextInt(m.length + 8));
      }
      try {
        if (second) {
          p.write(bind);
          p.read(1 << 16);
        }
        p.write(m);
        assertThat(p.pending()).isLessThanOrEqualTo(RpcPipe.MAX_STUB + RpcPdu.MAX_FRAG);
      } catch (WireException e) {
        // refused: the SMB layer answers the WRITE/IOCTL with an error status
      }
    }
  }
}
