package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * RFC 1813 §2.6 {@code specdata3}: a device's numbers.
 *
 * @param specdata1 major number (4 bytes)
 * @param specdata2 minor number (4 bytes)
 */
public record Specdata3(int specdata1, int specdata2) implements XdrType {

  public static final Specdata3 NONE = new Specdata3(0, 0);

  public static Specdata3 decode(XdrDecodingStream in) throws IOException {
    return new Specdata3(in.xdrDecodeInt(), in.xdrDecodeInt());
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(specdata1);
    out.xdrEncodeInt(specdata2);
  }
}
