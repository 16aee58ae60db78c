package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.16 {@code entry3} without its {@code nextentry} link (lists are encoded by the
 * result).
 *
 * @param fileid the entry's file id (fileid3, 8 bytes)
 * @param name the entry's name (filename3)
 * @param cookie where to resume after this entry (cookie3, 8 bytes)
 */
public record Entry3(long fileid, String name, long cookie) implements XdrType {

  /** Encoded size of an entry whose name has {@code nameBytes} UTF-8 bytes, with its link word. */
  public static int size(int nameBytes) {
    return 4 + 8 + Xdrs.opaqueSize(nameBytes) + 8;
  }

  public static Entry3 decode(XdrDecodingStream in) throws IOException {
    return new Entry3(in.xdrDecodeLong(), Filename3.decode(in), in.xdrDecodeLong());
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeLong(fileid);
    Filename3.encode(out, name);
    out.xdrEncodeLong(cookie);
  }

  @Override
  public int sizeHint() {
    return size(name.getBytes(StandardCharsets.UTF_8).length);
  }
}
