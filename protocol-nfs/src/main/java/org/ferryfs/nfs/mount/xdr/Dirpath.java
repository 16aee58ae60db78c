package org.ferryfs.nfs.mount.xdr;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §5.1 {@code dirpath}: {@code string<MNTPATHLEN>}, read as UTF-8. A longer path is
 * answered MNT3ERR_NAMETOOLONG; invalid UTF-8 or NUL MNT3ERR_ACCES (it names no export).
 *
 * @param path the path
 */
public record Dirpath(String path) implements XdrType {

  public static Dirpath decode(XdrDecodingStream in) throws IOException {
    int len = in.xdrDecodeInt();
    if (len < 0 || len > Mount3Limits.MNTPATHLEN) {
      throw new BackendException(
          BackendStatus.NAME_TOO_LONG,
          "dirpath of " + Integer.toUnsignedString(len) + " bytes exceeds MNTPATHLEN 1024");
    }
    byte[] bytes = Xdrs.fixedOpaque(in, len);
    for (byte b : bytes) {
      if (b == 0) {
        throw new BackendException(BackendStatus.ACCESS_DENIED, "dirpath holds NUL");
      }
    }
    try {
      return new Dirpath(Xdrs.utf8(bytes));
    } catch (CharacterCodingException e) {
      throw new BackendException(BackendStatus.ACCESS_DENIED, "dirpath is not valid UTF-8");
    }
  }

  @Override
  public void encode(XdrEncodingStream out) {
    Xdrs.string(out, path);
  }
}
