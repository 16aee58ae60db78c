package org.ferryfs.smb.wire;

/**
 * The bodies that carry only StructureSize 4 and Reserved (2): [MS-SMB2] 2.2.7/2.2.8 LOGOFF,
 * 2.2.11/2.2.12 TREE_DISCONNECT, 2.2.28/2.2.29 ECHO request and response, 2.2.16 FLUSH response.
 */
public final class Smb2EmptyMessage {
  private Smb2EmptyMessage() {}

  public static void decode(ByteReader r, String what) throws WireException {
    Body.start(r, 4, what);
  }

  public static void encode(ByteWriter w) {
    w.u16(4).u16(0);
  }
}
