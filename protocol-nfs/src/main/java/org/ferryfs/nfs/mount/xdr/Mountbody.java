package org.ferryfs.nfs.mount.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §5.2.2 {@code mountbody} (without its {@code ml_next} link).
 *
 * @param hostname the client ({@code name}, ≤ 255 bytes)
 * @param directory what it mounted ({@code dirpath}, ≤ 1024 bytes)
 */
public record Mountbody(String hostname, String directory) implements XdrType {

  public static Mountbody decode(XdrDecodingStream in) throws IOException {
    return new Mountbody(
        Xdrs.string(in, Mount3Limits.MNTNAMLEN, "ml_hostname"),
        Xdrs.string(in, Mount3Limits.MNTPATHLEN, "ml_directory"));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    Xdrs.string(out, hostname);
    Xdrs.string(out, directory);
  }

  /**
   * RFC 1813 §5.2.2 {@code mountlist}: the DUMP result, an optional-data list of mountbody.
   *
   * @param mounts the entries
   */
  public record Mountlist(List<Mountbody> mounts) implements XdrType {
    public Mountlist {
      mounts = List.copyOf(mounts);
    }

    public static Mountlist decode(XdrDecodingStream in) throws IOException {
      return new Mountlist(Xdrs.list(in, Mountbody::decode, Mount3Limits.MAX_LIST, "mountlist"));
    }

    @Override
    public void encode(XdrEncodingStream out) {
      Xdrs.list(out, mounts);
    }
  }
}
