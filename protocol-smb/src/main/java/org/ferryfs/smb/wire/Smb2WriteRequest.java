package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.21 SMB2 WRITE Request.
 *
 * @param offset Offset (8)
 * @param fileId FileId (16)
 * @param flags Flags (4)
 * @param data the Length bytes at DataOffset
 */
public record Smb2WriteRequest(long offset, Smb2FileId fileId, int flags, byte[] data) {
  public static Smb2WriteRequest decode(ByteReader r) throws WireException {
    Body.start(r, 49, "WRITE");
    int dataOffset = r.u16();
    long length = r.u32();
    long offset = r.i64();
    Smb2FileId id = Smb2FileId.decode(r);
    r.skip(4 + 4 + 2 + 2); // Channel, RemainingBytes, WriteChannelInfo offset/length
    int flags = r.i32();
    if (offset < 0 && offset != -1L) {
      throw new WireException("WRITE offset " + Long.toUnsignedString(offset));
    }
    return new Smb2WriteRequest(offset, id, flags, r.slice(dataOffset, length));
  }
}
