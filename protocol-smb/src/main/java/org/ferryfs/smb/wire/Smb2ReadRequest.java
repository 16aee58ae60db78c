package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.19 SMB2 READ Request.
 *
 * @param length Length (4), unsigned
 * @param offset Offset (8)
 * @param fileId FileId (16)
 * @param minimumCount MinimumCount (4)
 */
public record Smb2ReadRequest(long length, long offset, Smb2FileId fileId, long minimumCount) {
  public static Smb2ReadRequest decode(ByteReader r) throws WireException {
    Body.start(r, 49, "READ");
    r.skip(2); // Padding, Flags
    long length = r.u32();
    long offset = r.i64();
    Smb2FileId id = Smb2FileId.decode(r);
    long min = r.u32();
    if (offset < 0) {
      throw new WireException("READ offset " + Long.toUnsignedString(offset));
    }
    return new Smb2ReadRequest(length, offset, id, min);
  }
}
