package org.ferryfs.smb.rpc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.WireException;

/**
 * [C706] 12.6.3 the common header of connection-oriented DCE/RPC PDUs (16 bytes), with the PDU
 * types and flags Ferry uses ([MS-RPCE] 2.2.2 profiles them).
 *
 * @param type PTYPE (1)
 * @param flags pfc_flags (1)
 * @param fragLength frag_length (2): the whole PDU, header included
 * @param authLength auth_length (2)
 * @param callId call_id (4)
 */
public record RpcPdu(int type, int flags, int fragLength, int authLength, int callId) {
  public static final int HEADER_SIZE = 16;

  public static final int REQUEST = 0;
  public static final int RESPONSE = 2;
  public static final int FAULT = 3;
  public static final int BIND = 11;
  public static final int BIND_ACK = 12;
  public static final int BIND_NAK = 13;
  public static final int ALTER_CONTEXT = 14;
  public static final int ALTER_CONTEXT_RESP = 15;

  public static final int PFC_FIRST_FRAG = 0x01;
  public static final int PFC_LAST_FRAG = 0x02;
  public static final int PFC_OBJECT_UUID = 0x80;

  /** packed_drep: little-endian integers, ASCII characters, IEEE floats ([C706] 14.1). */
  static final int DREP_LE = 0x00000010;

  /** Largest fragment accepted or sent ([MS-RPCE] 3.3.3.5.1 suggests 4280 or 5840). */
  public static final int MAX_FRAG = 4280;

  /** The frag_length of the PDU starting at {@code b[off]} (16+ bytes there). */
  static int fragLength(byte[] b, int off) {
    return ByteBuffer.wrap(b, off + 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
  }

  /** Decodes and checks a header: version 5.0, little-endian data representation, sizes. */
  public static RpcPdu decode(ByteReader r) throws WireException {
    int vers = r.u8();
    int minor = r.u8();
    int type = r.u8();
    int flags = r.u8();
    int drep = r.i32();
    int fragLength = r.u16();
    int authLength = r.u16();
    int callId = r.i32();
    if (vers != 5 || minor != 0) {
      throw new WireException("DCE/RPC version " + vers + "." + minor);
    }
    if ((drep & 0xF0) != DREP_LE) {
      throw new WireException("DCE/RPC big-endian data representation is not served");
    }
    if (fragLength < HEADER_SIZE || authLength > fragLength - HEADER_SIZE) {
      throw new WireException("DCE/RPC frag_length " + fragLength + ", auth " + authLength);
    }
    return new RpcPdu(type, flags, fragLength, authLength, callId);
  }

  /** Writes a header; {@code fragLength} is patched by the caller with {@link #finish}. */
  static void encode(ByteWriter w, int type, int flags, int callId) {
    w.u8(5).u8(0).u8(type).u8(flags).i32(DREP_LE).u16(0).u16(0).i32(callId);
  }

  /** Sets frag_length of the PDU just written. */
  static byte[] finish(ByteWriter w) {
    w.putU16(8, w.position());
    return w.toByteArray();
  }

  /** A UUID in its NDR wire form ([C706] appendix A): the first three fields little-endian. */
  static byte[] uuid(String text) {
    String h = text.replace("-", "");
    byte[] b = java.util.HexFormat.of().parseHex(h);
    byte[] out = b.clone();
    out[0] = b[3];
    out[1] = b[2];
    out[2] = b[1];
    out[3] = b[0];
    out[4] = b[5];
    out[5] = b[4];
    out[6] = b[7];
    out[7] = b[6];
    return out;
  }
}
