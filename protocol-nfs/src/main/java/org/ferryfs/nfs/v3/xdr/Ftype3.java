package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrException;

/** RFC 1813 §2.6 {@code enum ftype3}: the type of a file system object (4 bytes). */
public enum Ftype3 {
  NF3REG(1),
  NF3DIR(2),
  NF3BLK(3),
  NF3CHR(4),
  NF3LNK(5),
  NF3SOCK(6),
  NF3FIFO(7);

  private final int value;

  Ftype3(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public static Ftype3 of(int value) throws XdrException {
    if (value < 1 || value > 7) {
      throw new XdrException("ftype3 must be 1..7 (RFC 1813 §2.6), got " + value);
    }
    return values()[value - 1];
  }

  public static Ftype3 decode(XdrDecodingStream in) throws IOException {
    return of(in.xdrDecodeInt());
  }

  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(value);
  }
}
