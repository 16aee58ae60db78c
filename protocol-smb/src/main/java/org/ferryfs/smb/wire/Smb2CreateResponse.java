package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.14 SMB2 CREATE Response (StructureSize 89).
 *
 * @param oplockLevel OplockLevel (1)
 * @param createAction CreateAction (4)
 * @param info the times, sizes and attributes (CreationTime .. FileAttributes)
 * @param fileId FileId (16)
 */
public record Smb2CreateResponse(
    int oplockLevel, int createAction, FileInfo info, Smb2FileId fileId) {
  public static final int FILE_SUPERSEDED = 0;
  public static final int FILE_OPENED = 1;
  public static final int FILE_CREATED = 2;
  public static final int FILE_OVERWRITTEN = 3;

  public void encode(ByteWriter w) {
    w.u16(89).u8(oplockLevel).u8(0).i32(createAction);
    w.i64(info.creationTime()).i64(info.lastAccessTime()).i64(info.lastWriteTime());
    w.i64(info.changeTime()).i64(info.allocationSize()).i64(info.endOfFile());
    w.i32(info.attributes()).i32(0);
    fileId.encode(w);
    w.i32(0).i32(0); // no create contexts
  }
}
