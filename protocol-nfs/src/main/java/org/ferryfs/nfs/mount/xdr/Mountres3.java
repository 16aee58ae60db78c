package org.ferryfs.nfs.mount.xdr;

import java.io.IOException;
import java.util.Arrays;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §5.2.1 {@code mountres3}.
 *
 * @param status mountstat3 (4 bytes)
 * @param fhandle resok: the root handle ({@code fhandle3}, {@code opaque<FHSIZE3>}, encoded exactly
 *     as an nfs_fh3); {@code null} when failed
 * @param authFlavors resok: accepted RPC auth flavors ({@code int<>}, at most 16 decoded)
 */
public record Mountres3(int status, NfsFh3 fhandle, int[] authFlavors) implements XdrType {

  private static final int MAX_FLAVORS = 16;

  public static Mountres3 ok(NfsFh3 fhandle, int... authFlavors) {
    return new Mountres3(Mountstat3.MNT3_OK, fhandle, authFlavors.clone());
  }

  public static Mountres3 fail(int status) {
    return new Mountres3(status, null, new int[0]);
  }

  public static Mountres3 decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    if (status != Mountstat3.MNT3_OK) {
      return fail(status);
    }
    NfsFh3 fh = NfsFh3.decode(in);
    int n = Xdrs.length(in, MAX_FLAVORS, "auth_flavors");
    int[] flavors = new int[n];
    for (int i = 0; i < n; i++) {
      flavors[i] = in.xdrDecodeInt();
    }
    return new Mountres3(status, fh, flavors);
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    if (status == Mountstat3.MNT3_OK) {
      fhandle.encode(out);
      out.xdrEncodeIntVector(authFlavors);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mountres3 m
        && m.status == status
        && java.util.Objects.equals(m.fhandle, fhandle)
        && Arrays.equals(m.authFlavors, authFlavors);
  }

  @Override
  public int hashCode() {
    return status * 31 + java.util.Objects.hashCode(fhandle) + Arrays.hashCode(authFlavors);
  }

  @Override
  public String toString() {
    return "mountres3[status="
        + status
        + ", fhandle="
        + fhandle
        + ", flavors="
        + Arrays.toString(authFlavors)
        + "]";
  }
}
