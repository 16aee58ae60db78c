package org.ferryfs.smb.rpc;

import java.util.List;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.WireException;

/**
 * [MS-SRVS] 3.1.4.8 NetrShareEnum (Opnum 15), levels 0 and 1, NDR-encoded ([C706] 14).
 *
 * <pre>
 * NET_API_STATUS NetrShareEnum(
 *   [in, string, unique] SRVSVC_HANDLE ServerName,
 *   [in, out] LPSHARE_ENUM_STRUCT InfoStruct,      // Level, union switch, pointer to container
 *   [in] DWORD PreferedMaximumLength,
 *   [out] DWORD* TotalEntries,
 *   [in, out, unique] DWORD* ResumeHandle);
 * </pre>
 *
 * Every share fits in one answer (PreferedMaximumLength is not used to page), so the resume handle
 * goes back as 0.
 */
public final class NetrShareEnum {
  static final int OPNUM = 15;

  /** [MS-SRVS] 2.2.2.4 share types. */
  public static final int STYPE_DISKTREE = 0x00000000;

  public static final int STYPE_IPC_SPECIAL = 0x80000003;

  /** ERROR_INVALID_LEVEL, ERROR_INVALID_PARAMETER ([MS-ERREF] 2.2). */
  static final int ERROR_INVALID_LEVEL = 124;

  /** Longest server name accepted, in UTF-16 units. */
  static final int MAX_NAME = 1024;

  /**
   * One share as [MS-SRVS] 2.2.4.23 SHARE_INFO_1 describes it.
   *
   * @param name shi1_netname
   * @param type shi1_type
   * @param remark shi1_remark
   */
  public record Share(String name, int type, String remark) {}

  private NetrShareEnum() {}

  static byte[] invoke(byte[] stub, List<Share> shares) throws WireException {
    ByteReader r = new ByteReader(stub);
    if (r.u32() != 0) { // ServerName: unique pointer to a conformant varying string
      skipString(r);
    }
    int level = r.i32();
    int union = r.i32();
    if (union != level) {
      throw new WireException("SHARE_ENUM_STRUCT switch " + union + " for level " + level);
    }
    if (r.u32() != 0) { // the container the client passes in: empty
      r.u32(); // EntriesRead
      if (r.u32() != 0) {
        throw new WireException("NetrShareEnum request carries share entries");
      }
    }
    r.u32(); // PreferedMaximumLength
    boolean resume = r.u32() != 0;
    if (resume) {
      r.u32();
    }

    ByteWriter w = new ByteWriter(256);
    int referent = 0x00020000;
    w.i32(level).i32(level);
    boolean known = level == 0 || level == 1;
    if (!known) {
      w.i32(0); // no container
    } else {
      w.i32(referent);
      referent += 4;
      w.i32(shares.size());
      if (shares.isEmpty()) {
        w.i32(0);
      } else {
        w.i32(referent);
        referent += 4;
        w.i32(shares.size()); // conformant array: max_count
        for (Share s : shares) {
          w.i32(referent); // shi*_netname
          referent += 4;
          if (level == 1) {
            w.i32(s.type());
            w.i32(referent); // shi1_remark
            referent += 4;
          }
        }
        for (Share s : shares) { // the strings the pointers point at, in order
          string(w, s.name());
          if (level == 1) {
            string(w, s.remark());
          }
        }
      }
    }
    w.i32(known ? shares.size() : 0); // TotalEntries
    if (resume) {
      w.i32(referent).i32(0);
    } else {
      w.i32(0);
    }
    w.i32(known ? 0 : ERROR_INVALID_LEVEL);
    return w.toByteArray();
  }

  /** [C706] 14.3.4.2 a conformant varying string of UTF-16 units with its terminating NUL. */
  private static void string(ByteWriter w, String s) {
    int n = s.length() + 1;
    w.i32(n).i32(0).i32(n).utf16(s).u16(0);
    w.align(4);
  }

  private static void skipString(ByteReader r) throws WireException {
    long max = r.u32();
    long offset = r.u32();
    long actual = r.u32();
    if (max > MAX_NAME || offset != 0 || actual > max) {
      throw new WireException("NDR string max " + max + " offset " + offset + " actual " + actual);
    }
    r.skip((int) actual * 2);
    int pad = (4 - (r.position() & 3)) & 3;
    r.skip(pad);
  }
}
