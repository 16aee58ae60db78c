package org.ferryfs.smb;

import java.util.Locale;
import java.util.Objects;
import org.ferryfs.smb.auth.Ntlm;

/**
 * An SMB account: its name, the NT hash of its password (NTLMv2 needs nothing else) and the numeric
 * identity the core checks permissions against for it.
 *
 * @param name the account name; matched without regard to case, as Windows does
 * @param ntHash MD4 of the UTF-16LE password
 * @param uid the user id its requests run as
 * @param gid the group id its requests run as
 */
public record SmbUser(String name, byte[] ntHash, int uid, int gid) {
  public SmbUser {
    Objects.requireNonNull(name, "name");
    if (ntHash == null || ntHash.length != 16) {
      throw new IllegalArgumentException("an NT hash is 16 bytes");
    }
  }

  public static SmbUser withPassword(String name, String password, int uid, int gid) {
    return new SmbUser(name, Ntlm.ntHash(password), uid, gid);
  }

  /** The key accounts are looked up by. */
  public String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "SmbUser[" + name + ", uid=" + uid + ", gid=" + gid + "]"; // never the hash
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SmbUser u
        && u.name.equals(name)
        && java.util.Arrays.equals(u.ntHash, ntHash)
        && u.uid == uid
        && u.gid == gid;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, uid, gid);
  }
}
