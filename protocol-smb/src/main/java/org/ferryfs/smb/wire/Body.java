package org.ferryfs.smb.wire;

/** Shared checks for the fixed part of SMB2 request bodies. */
final class Body {
  private Body() {}

  /**
   * Positions {@code r} after the header and checks the StructureSize field ([MS-SMB2] 2.2: the
   * size of the fixed part, plus 1 where a variable buffer follows).
   */
  static void start(ByteReader r, int structureSize, String what) throws WireException {
    r.seek(Smb2Header.SIZE);
    int s = r.u16();
    if (s != structureSize) {
      throw new WireException(what + " StructureSize " + s + ", must be " + structureSize);
    }
  }
}
