package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrException;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * RFC 1813 §3.3.8 {@code createhow3}: a {@code createmode3} (4 bytes), then the initial {@code
 * sattr3} for UNCHECKED and GUARDED, or the 8-byte {@code createverf3} for EXCLUSIVE.
 *
 * @param mode the create mode
 * @param attributes initial attributes (UNCHECKED, GUARDED), else {@code null}
 * @param verf the exclusive-create verifier as a big-endian long (EXCLUSIVE), else 0
 */
public record Createhow3(Createmode3 mode, Sattr3 attributes, long verf) implements XdrType {

  /** RFC 1813 §3.3.8 {@code enum createmode3}. */
  public enum Createmode3 {
    UNCHECKED,
    GUARDED,
    EXCLUSIVE
  }

  public Createhow3 {
    if ((mode == Createmode3.EXCLUSIVE) != (attributes == null)) {
      throw new IllegalArgumentException("attributes go with UNCHECKED/GUARDED, only with them");
    }
  }

  public static Createhow3 unchecked(Sattr3 attributes) {
    return new Createhow3(Createmode3.UNCHECKED, attributes, 0);
  }

  public static Createhow3 guarded(Sattr3 attributes) {
    return new Createhow3(Createmode3.GUARDED, attributes, 0);
  }

  public static Createhow3 exclusive(long verf) {
    return new Createhow3(Createmode3.EXCLUSIVE, null, verf);
  }

  public static Createhow3 decode(XdrDecodingStream in) throws IOException {
    int mode = in.xdrDecodeInt();
    return switch (mode) {
      case 0 -> unchecked(Sattr3.decode(in));
      case 1 -> guarded(Sattr3.decode(in));
      case 2 -> exclusive(in.xdrDecodeLong());
      default -> throw new XdrException("createmode3 must be 0..2 (RFC 1813 §3.3.8), got " + mode);
    };
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(mode.ordinal());
    if (attributes != null) {
      attributes.encode(out);
    } else {
      out.xdrEncodeLong(verf);
    }
  }
}
