package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrException;

/** RFC 1813 §3.3.7 {@code enum stable_how} (4 bytes). */
public enum StableHow {
  UNSTABLE,
  DATA_SYNC,
  FILE_SYNC;

  public static StableHow decode(XdrDecodingStream in) throws IOException {
    int v = in.xdrDecodeInt();
    if (v < 0 || v > 2) {
      throw new XdrException("stable_how must be 0..2 (RFC 1813 §3.3.7), got " + v);
    }
    return values()[v];
  }

  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(ordinal());
  }
}
