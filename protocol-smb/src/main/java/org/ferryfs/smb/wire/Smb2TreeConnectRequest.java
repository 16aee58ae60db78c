package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.9 SMB2 TREE_CONNECT Request.
 *
 * @param path the share path, {@code \\server\share} (UTF-16 on the wire)
 */
public record Smb2TreeConnectRequest(String path) {
  /** Longest path accepted, in bytes. */
  static final int MAX_PATH_BYTES = 2048;

  public static Smb2TreeConnectRequest decode(ByteReader r) throws WireException {
    Body.start(r, 9, "TREE_CONNECT");
    r.skip(2); // Flags / Reserved
    int off = r.u16();
    int len = r.u16();
    if (len > MAX_PATH_BYTES) {
      throw new WireException("TREE_CONNECT path of " + len + " bytes");
    }
    return new Smb2TreeConnectRequest(r.utf16(off, len));
  }
}
