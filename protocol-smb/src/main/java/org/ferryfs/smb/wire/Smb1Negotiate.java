package org.ferryfs.smb.wire;

import java.nio.charset.StandardCharsets;

/**
 * [MS-SMB] / [MS-CIFS] 2.2.4.52.1 SMB_COM_NEGOTIATE request, read only far enough for [MS-SMB2]
 * 3.3.5.3.1: which SMB2 dialect strings it carries.
 */
public final class Smb1Negotiate {
  /** 0xFF 'S' 'M' 'B', little-endian. */
  public static final int PROTOCOL_ID = 0x424D53FF;

  private static final int SMB_COM_NEGOTIATE = 0x72;
  private static final int HEADER = 32;

  /** What an SMB1 negotiate offers of SMB2. */
  public enum Offer {
    /** "SMB 2.???": the client speaks 2.1 or later; answer with the wildcard 0x02FF. */
    WILDCARD,
    /** Only "SMB 2.002". */
    SMB_2_002,
    /** No SMB2 dialect. */
    NONE
  }

  private Smb1Negotiate() {}

  public static Offer parse(byte[] msg) throws WireException {
    ByteReader r = new ByteReader(msg);
    if (r.i32() != PROTOCOL_ID) {
      throw new WireException("not an SMB1 message");
    }
    if (r.u8() != SMB_COM_NEGOTIATE) {
      throw new WireException("SMB1 command other than NEGOTIATE");
    }
    r.seek(HEADER);
    int wordCount = r.u8();
    r.skip(wordCount * 2);
    int byteCount = r.u16();
    byte[] dialects = r.bytes(byteCount);
    boolean wildcard = false;
    boolean v2002 = false;
    int i = 0;
    while (i < dialects.length) {
      if (dialects[i] != 0x02) {
        throw new WireException("SMB1 dialect without BufferFormat 0x02");
      }
      int end = i + 1;
      while (end < dialects.length && dialects[end] != 0) {
        end++;
      }
      String d = new String(dialects, i + 1, end - i - 1, StandardCharsets.US_ASCII);
      wildcard |= d.equals("SMB 2.???");
      v2002 |= d.equals("SMB 2.002");
      i = end + 1;
    }
    return wildcard ? Offer.WILDCARD : v2002 ? Offer.SMB_2_002 : Offer.NONE;
  }
}
