package org.ferryfs.nfs.v3.xdr;

import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** RFC 1813 §3.3.0 NFSPROC3_NULL arguments: {@code void}. */
public record NULL3args() implements Nfs3Args {

  public static final NULL3args INSTANCE = new NULL3args();

  public static NULL3args decode(XdrDecodingStream in) {
    return INSTANCE;
  }

  @Override
  public void encode(XdrEncodingStream out) {}

  @Override
  public List<NfsFh3> handles() {
    return List.of();
  }
}
