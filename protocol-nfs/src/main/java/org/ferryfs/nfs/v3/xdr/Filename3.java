package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §2.6 {@code filename3}: one path component, a {@code string<>} we read as UTF-8.
 *
 * <p>The rules, checked on decode before anything is allocated beyond the limit:
 *
 * <ul>
 *   <li>longer than {@link Nfs3Limits#NAME_MAX} bytes → {@link BackendStatus#NAME_TOO_LONG}
 *       (NFS3ERR_NAMETOOLONG);
 *   <li>empty, holding {@code /} or NUL, or not valid UTF-8 → {@link BackendStatus#ACCESS_DENIED}
 *       (NFS3ERR_ACCES). Such a name cannot name any entry of a directory. We answer ACCES rather
 *       than INVAL because RFC 1813 lists NFS3ERR_ACCES among the errors of every procedure that
 *       takes a {@code filename3} (LOOKUP §3.3.3, CREATE §3.3.8 … LINK §3.3.15), while LOOKUP and
 *       REMOVE (§3.3.12) do not list NFS3ERR_INVAL, and ACCES is what Linux clients handle
 *       gracefully. The rule is applied here, at decode, so every procedure answers alike.
 * </ul>
 *
 * <p>Encoding writes any string as given (a client may send what it likes).
 */
public final class Filename3 {

  private Filename3() {}

  public static String decode(XdrDecodingStream in) throws IOException {
    int len = in.xdrDecodeInt();
    if (len < 0 || len > Nfs3Limits.NAME_MAX) {
      throw new BackendException(
          BackendStatus.NAME_TOO_LONG,
          "filename3 of "
              + Integer.toUnsignedString(len)
              + " bytes exceeds NAME_MAX "
              + Nfs3Limits.NAME_MAX);
    }
    byte[] bytes = Xdrs.fixedOpaque(in, len);
    return validate(bytes, "filename3");
  }

  /** Checks a decoded name's bytes; see the class comment. */
  static String validate(byte[] bytes, String what) throws BackendException {
    if (bytes.length == 0) {
      throw new BackendException(BackendStatus.ACCESS_DENIED, what + " is empty");
    }
    for (byte b : bytes) {
      if (b == '/' || b == 0) {
        throw new BackendException(
            BackendStatus.ACCESS_DENIED, what + " holds '/' or NUL, which no name may hold");
      }
    }
    try {
      return Xdrs.utf8(bytes);
    } catch (CharacterCodingException e) {
      throw new BackendException(BackendStatus.ACCESS_DENIED, what + " is not valid UTF-8");
    }
  }

  public static void encode(XdrEncodingStream out, String name) {
    Xdrs.string(out, name);
  }
}
