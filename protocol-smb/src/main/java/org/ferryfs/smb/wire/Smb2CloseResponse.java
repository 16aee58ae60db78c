package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.16 SMB2 CLOSE Response (StructureSize 60).
 *
 * @param info the attributes after close, or {@code null} when not asked for (all zero)
 */
public record Smb2CloseResponse(FileInfo info) {
  public void encode(ByteWriter w) {
    if (info == null) {
      w.u16(60).u16(0).i32(0).zeros(52);
      return;
    }
    w.u16(60).u16(Smb2CloseRequest.POSTQUERY_ATTRIB).i32(0);
    w.i64(info.creationTime()).i64(info.lastAccessTime()).i64(info.lastWriteTime());
    w.i64(info.changeTime()).i64(info.allocationSize()).i64(info.endOfFile());
    w.i32(info.attributes());
  }
}
