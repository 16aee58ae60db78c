package org.ferryfs.nfs.v3.xdr;

/** Constants of NFS version 3 (RFC 1813 §2.2) and the limits Ferry enforces on them. */
public final class Nfs3Limits {

  /** RFC 1813 §1.3: the NFS program number. */
  public static final int PROGRAM = 100003;

  /** RFC 1813: this is version 3. */
  public static final int VERSION = 3;

  /** RFC 1813 §2.2: largest file handle in bytes. */
  public static final int NFS3_FHSIZE = 64;

  /** RFC 1813 §2.2: cookie verifier size. */
  public static final int NFS3_COOKIEVERFSIZE = 8;

  /** RFC 1813 §2.2: exclusive-create verifier size. */
  public static final int NFS3_CREATEVERFSIZE = 8;

  /** RFC 1813 §2.2: write verifier size. */
  public static final int NFS3_WRITEVERFSIZE = 8;

  /**
   * Longest {@code filename3} we accept, in UTF-8 bytes (RFC 1813 leaves {@code filename3<>}
   * unbounded; 255 is NAME_MAX, and what PATHCONF reports at most).
   */
  public static final int NAME_MAX = 255;

  /** Longest {@code nfspath3} (symbolic link target) we accept, in bytes (MNTPATHLEN). */
  public static final int PATH_MAX = 1024;

  /** FSINFO rtmax: largest READ we serve; larger counts are clamped (RFC 1813 §3.3.6). */
  public static final int RTMAX = 1 << 20;

  /** FSINFO wtmax: largest WRITE data we accept (RFC 1813 §3.3.7). */
  public static final int WTMAX = 1 << 20;

  /** FSINFO dtpref: preferred READDIR size. */
  public static final int DTPREF = 64 * 1024;

  /** Largest READDIR / READDIRPLUS reply we build; larger counts are clamped. */
  public static final int MAX_DIR_REPLY = 1 << 20;

  /** Most entries a decoded directory listing may hold (client side). */
  public static final int MAX_DIR_ENTRIES = 1 << 16;

  /** Most data a client accepts in one READ reply. */
  public static final int MAX_READ_DECODE = 16 << 20;

  private Nfs3Limits() {}
}
