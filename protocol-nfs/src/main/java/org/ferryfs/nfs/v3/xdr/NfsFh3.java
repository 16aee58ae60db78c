package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §2.6 {@code nfs_fh3}: {@code opaque data<NFS3_FHSIZE>} (4-byte length, ≤ 64 bytes,
 * padded). A longer handle is malformed XDR; what the bytes mean is {@link
 * org.ferryfs.nfs.handle.HandleCodec}'s business.
 *
 * @param data the handle's bytes
 */
public record NfsFh3(byte[] data) implements XdrType {

  public NfsFh3 {
    if (data.length > Nfs3Limits.NFS3_FHSIZE) {
      throw new IllegalArgumentException(
          "nfs_fh3 holds at most 64 bytes (RFC 1813 §2.2), got " + data.length);
    }
  }

  public static NfsFh3 decode(XdrDecodingStream in) throws IOException {
    return new NfsFh3(Xdrs.opaque(in, Nfs3Limits.NFS3_FHSIZE, "nfs_fh3"));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeDynamicOpaque(data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NfsFh3 f && Arrays.equals(f.data, data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "nfs_fh3[" + HexFormat.of().formatHex(data) + "]";
  }
}
