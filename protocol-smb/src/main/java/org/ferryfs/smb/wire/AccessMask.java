package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.13.1 SMB2 Access Mask Encoding for files and directories, and the mapping of the
 * generic rights to file rights ([MS-SMB2] 3.3.5.9, [MS-DTYP] 2.4.3).
 */
public final class AccessMask {
  public static final int FILE_READ_DATA = 0x00000001;
  public static final int FILE_WRITE_DATA = 0x00000002;
  public static final int FILE_APPEND_DATA = 0x00000004;
  public static final int FILE_READ_EA = 0x00000008;
  public static final int FILE_WRITE_EA = 0x00000010;
  public static final int FILE_EXECUTE = 0x00000020;
  public static final int FILE_DELETE_CHILD = 0x00000040;
  public static final int FILE_READ_ATTRIBUTES = 0x00000080;
  public static final int FILE_WRITE_ATTRIBUTES = 0x00000100;
  public static final int DELETE = 0x00010000;
  public static final int READ_CONTROL = 0x00020000;
  public static final int WRITE_DAC = 0x00040000;
  public static final int WRITE_OWNER = 0x00080000;
  public static final int SYNCHRONIZE = 0x00100000;
  public static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
  public static final int MAXIMUM_ALLOWED = 0x02000000;
  public static final int GENERIC_ALL = 0x10000000;
  public static final int GENERIC_EXECUTE = 0x20000000;
  public static final int GENERIC_WRITE = 0x40000000;
  public static final int GENERIC_READ = 0x80000000;

  /** FILE_ALL_ACCESS: every specific and standard right of a file. */
  public static final int FILE_ALL_ACCESS = 0x001F01FF;

  public static final int FILE_GENERIC_READ =
      READ_CONTROL | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE;
  public static final int FILE_GENERIC_WRITE =
      READ_CONTROL
          | FILE_WRITE_DATA
          | FILE_WRITE_ATTRIBUTES
          | FILE_WRITE_EA
          | FILE_APPEND_DATA
          | SYNCHRONIZE;
  public static final int FILE_GENERIC_EXECUTE =
      READ_CONTROL | FILE_READ_ATTRIBUTES | FILE_EXECUTE | SYNCHRONIZE;

  /** The rights a share that is read-only never grants. */
  public static final int WRITE_RIGHTS =
      FILE_WRITE_DATA
          | FILE_APPEND_DATA
          | FILE_WRITE_EA
          | FILE_WRITE_ATTRIBUTES
          | FILE_DELETE_CHILD
          | DELETE
          | WRITE_DAC
          | WRITE_OWNER;

  private AccessMask() {}

  /**
   * The access an open is granted for a DesiredAccess: generic rights mapped to file rights,
   * MAXIMUM_ALLOWED to every right (Ferry keeps no ACLs; the backend still checks each operation).
   */
  public static int granted(int desired) {
    int g = desired & ~(GENERIC_ALL | GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE);
    g &= ~MAXIMUM_ALLOWED;
    if ((desired & (GENERIC_ALL | MAXIMUM_ALLOWED)) != 0) {
      g |= FILE_ALL_ACCESS;
    }
    if ((desired & GENERIC_READ) != 0) {
      g |= FILE_GENERIC_READ;
    }
    if ((desired & GENERIC_WRITE) != 0) {
      g |= FILE_GENERIC_WRITE;
    }
    if ((desired & GENERIC_EXECUTE) != 0) {
      g |= FILE_GENERIC_EXECUTE;
    }
    return g;
  }

  /** True if any of {@code rights} is in {@code granted}. */
  public static boolean anyOf(int granted, int rights) {
    return (granted & rights) != 0;
  }
}
