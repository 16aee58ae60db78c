package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.13 SMB2 CREATE Request. Create contexts (2.2.13.2) are not decoded yet: the server
 * ignores them, which MS-SMB2 3.3.5.9 allows for contexts it does not support.
 *
 * @param requestedOplockLevel RequestedOplockLevel (1)
 * @param impersonationLevel ImpersonationLevel (4), [MS-SMB2] 2.2.13
 * @param desiredAccess DesiredAccess (4), [MS-SMB2] 2.2.13.1
 * @param fileAttributes FileAttributes (4)
 * @param shareAccess ShareAccess (4)
 * @param createDisposition CreateDisposition (4)
 * @param createOptions CreateOptions (4)
 * @param name the path relative to the share, {@code \}-separated (UTF-16 on the wire)
 */
public record Smb2CreateRequest(
    int requestedOplockLevel,
    int impersonationLevel,
    int desiredAccess,
    int fileAttributes,
    int shareAccess,
    int createDisposition,
    int createOptions,
    String name) {

  public static final int FILE_SUPERSEDE = 0;
  public static final int FILE_OPEN = 1;
  public static final int FILE_CREATE = 2;
  public static final int FILE_OPEN_IF = 3;
  public static final int FILE_OVERWRITE = 4;
  public static final int FILE_OVERWRITE_IF = 5;

  /** ImpersonationLevel values: Anonymous (0) … Delegate (3). */
  public static final int IMPERSONATION_DELEGATE = 3;

  public static final int FILE_DIRECTORY_FILE = 0x00000001;
  public static final int FILE_NON_DIRECTORY_FILE = 0x00000040;
  public static final int FILE_DELETE_ON_CLOSE = 0x00001000;

  /** Longest name accepted, in bytes (32767 UTF-16 code units is the NT limit). */
  static final int MAX_NAME_BYTES = 65534;

  public static Smb2CreateRequest decode(ByteReader r) throws WireException {
    Body.start(r, 57, "CREATE");
    r.skip(1); // SecurityFlags
    int oplock = r.u8();
    int impersonation = r.i32();
    r.skip(8 + 8); // SmbCreateFlags, Reserved
    int access = r.i32();
    int attrs = r.i32();
    int share = r.i32();
    int disposition = r.i32();
    int options = r.i32();
    int nameOff = r.u16();
    int nameLen = r.u16();
    long ctxOff = r.u32();
    long ctxLen = r.u32();
    if (disposition < 0 || disposition > FILE_OVERWRITE_IF) {
      throw new WireException("CREATE disposition " + disposition);
    }
    if (nameLen > MAX_NAME_BYTES) {
      throw new WireException("CREATE name of " + nameLen + " bytes");
    }
    String name = r.utf16(nameOff, nameLen);
    if (ctxLen > 0) {
      r.requireInside(ctxOff, ctxLen);
    }
    return new Smb2CreateRequest(
        oplock, impersonation, access, attrs, share, disposition, options, name);
  }
}
