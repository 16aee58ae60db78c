package org.ferryfs.nfs.mount.xdr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §5.2.5 {@code exportnode} (without its {@code ex_next} link).
 *
 * @param dir the exported path ({@code dirpath})
 * @param groups who may mount it ({@code groups}: an optional-data list of {@code name}); empty
 *     means everyone
 */
public record Exportnode(String dir, List<String> groups) implements XdrType {

  public Exportnode {
    groups = List.copyOf(groups);
  }

  public static Exportnode decode(XdrDecodingStream in) throws IOException {
    String dir = Xdrs.string(in, Mount3Limits.MNTPATHLEN, "ex_dir");
    List<String> groups = new ArrayList<>();
    while (Xdrs.bool(in)) {
      if (groups.size() == Mount3Limits.MAX_LIST) {
        throw new org.ferryfs.nfs.xdr.XdrException("ex_groups is too long");
      }
      groups.add(Xdrs.string(in, Mount3Limits.MNTNAMLEN, "gr_name"));
    }
    return new Exportnode(dir, groups);
  }

  @Override
  public void encode(XdrEncodingStream out) {
    Xdrs.string(out, dir);
    for (String g : groups) {
      out.xdrEncodeBoolean(true);
      Xdrs.string(out, g);
    }
    out.xdrEncodeBoolean(false);
  }

  /**
   * RFC 1813 §5.2.5 {@code exports}: the EXPORT result, an optional-data list of exportnode.
   *
   * @param exports the exports
   */
  public record Exports(List<Exportnode> exports) implements XdrType {
    public Exports {
      exports = List.copyOf(exports);
    }

    public static Exports decode(XdrDecodingStream in) throws IOException {
      return new Exports(Xdrs.list(in, Exportnode::decode, Mount3Limits.MAX_LIST, "exports"));
    }

    @Override
    public void encode(XdrEncodingStream out) {
      Xdrs.list(out, exports);
    }
  }
}
