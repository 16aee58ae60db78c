package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * RFC 1813 §2.6 {@code diropargs3}: a name in a directory.
 *
 * @param dir the directory
 * @param name the name ({@link Filename3} rules)
 */
public record Diropargs3(NfsFh3 dir, String name) implements XdrType {

  public static Diropargs3 decode(XdrDecodingStream in) throws IOException {
    return new Diropargs3(NfsFh3.decode(in), Filename3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    dir.encode(out);
    Filename3.encode(out, name);
  }
}
