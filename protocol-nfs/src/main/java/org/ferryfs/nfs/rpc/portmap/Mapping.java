package org.ferryfs.nfs.rpc.portmap;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * RFC 1833 §3.1 {@code struct mapping}: where a program version listens.
 *
 * @param prog program number (4 bytes)
 * @param vers program version (4 bytes)
 * @param prot transport protocol, {@link #IPPROTO_TCP} or {@link #IPPROTO_UDP} (4 bytes)
 * @param port port (4 bytes)
 */
public record Mapping(int prog, int vers, int prot, int port) implements XdrType {

  /** RFC 1833 §3.1: TCP. */
  public static final int IPPROTO_TCP = 6;

  /** RFC 1833 §3.1: UDP. */
  public static final int IPPROTO_UDP = 17;

  public static Mapping decode(XdrDecodingStream in) throws IOException {
    return new Mapping(in.xdrDecodeInt(), in.xdrDecodeInt(), in.xdrDecodeInt(), in.xdrDecodeInt());
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(prog);
    out.xdrEncodeInt(vers);
    out.xdrEncodeInt(prot);
    out.xdrEncodeInt(port);
  }
}
