package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §2.6 {@code nfspath3}: a symbolic link's target, a {@code string<>} we read as UTF-8.
 * Longer than {@link Nfs3Limits#PATH_MAX} bytes → NAME_TOO_LONG; NUL or invalid UTF-8 →
 * ACCESS_DENIED (as for {@link Filename3}); {@code /} is of course allowed.
 */
public final class Nfspath3 {

  private Nfspath3() {}

  public static String decode(XdrDecodingStream in) throws IOException {
    int len = in.xdrDecodeInt();
    if (len < 0 || len > Nfs3Limits.PATH_MAX) {
      throw new BackendException(
          BackendStatus.NAME_TOO_LONG,
          "nfspath3 of "
              + Integer.toUnsignedString(len)
              + " bytes exceeds the limit of "
              + Nfs3Limits.PATH_MAX);
    }
    byte[] bytes = Xdrs.fixedOpaque(in, len);
    for (byte b : bytes) {
      if (b == 0) {
        throw new BackendException(BackendStatus.ACCESS_DENIED, "nfspath3 holds NUL");
      }
    }
    try {
      return Xdrs.utf8(bytes);
    } catch (CharacterCodingException e) {
      throw new BackendException(BackendStatus.ACCESS_DENIED, "nfspath3 is not valid UTF-8");
    }
  }

  public static void encode(XdrEncodingStream out, String path) {
    Xdrs.string(out, path);
  }
}
