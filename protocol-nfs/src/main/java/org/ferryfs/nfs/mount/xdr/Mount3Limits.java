package org.ferryfs.nfs.mount.xdr;

/** Constants of the MOUNT protocol version 3 (RFC 1813 §5.1). */
public final class Mount3Limits {

  /** RFC 1813 §5: the MOUNT program number. */
  public static final int PROGRAM = 100005;

  /** RFC 1813 §5: version 3 goes with NFS version 3. */
  public static final int VERSION = 3;

  /** RFC 1813 §5.1: longest {@code dirpath}. */
  public static final int MNTPATHLEN = 1024;

  /** RFC 1813 §5.1: longest {@code name}. */
  public static final int MNTNAMLEN = 255;

  /** RFC 1813 §5.1: largest {@code fhandle3}. */
  public static final int FHSIZE3 = 64;

  /** Most list elements (mounts, exports, groups) a decoded reply may hold (client side). */
  public static final int MAX_LIST = 1 << 16;

  private Mount3Limits() {}
}
