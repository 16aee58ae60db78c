package org.ferryfs.smb.wire;

import java.nio.charset.StandardCharsets;

/** [MS-FSCC] 2.4 directory-listing classes that QUERY_DIRECTORY returns. */
public final class FsccDirectoryInfo {
  /** [MS-FSCC] 2.4.10 FileDirectoryInformation. */
  public static final int FILE_DIRECTORY_INFORMATION = 1;

  /** [MS-FSCC] 2.4.14 FileFullDirectoryInformation. */
  public static final int FILE_FULL_DIRECTORY_INFORMATION = 2;

  /** [MS-FSCC] 2.4.8 FileBothDirectoryInformation. */
  public static final int FILE_BOTH_DIRECTORY_INFORMATION = 3;

  /** [MS-FSCC] 2.4.28 FileNamesInformation. */
  public static final int FILE_NAMES_INFORMATION = 12;

  /** [MS-FSCC] 2.4.17 FileIdBothDirectoryInformation. */
  public static final int FILE_ID_BOTH_DIRECTORY_INFORMATION = 37;

  /** [MS-FSCC] 2.4.18 FileIdFullDirectoryInformation. */
  public static final int FILE_ID_FULL_DIRECTORY_INFORMATION = 38;

  private FsccDirectoryInfo() {}

  public static boolean supported(int infoClass) {
    return switch (infoClass) {
      case FILE_DIRECTORY_INFORMATION,
          FILE_FULL_DIRECTORY_INFORMATION,
          FILE_BOTH_DIRECTORY_INFORMATION,
          FILE_NAMES_INFORMATION,
          FILE_ID_BOTH_DIRECTORY_INFORMATION,
          FILE_ID_FULL_DIRECTORY_INFORMATION ->
          true;
      default -> false;
    };
  }

  /**
   * One entry with NextEntryOffset 0 and no alignment padding; the caller links entries, each
   * starting 8-byte aligned.
   */
  public static byte[] entry(int infoClass, String name, FileInfo i) {
    byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
    ByteWriter w = new ByteWriter(112 + n.length);
    w.i32(0).i32(0); // NextEntryOffset, FileIndex
    if (infoClass == FILE_NAMES_INFORMATION) {
      return w.i32(n.length).bytes(n).toByteArray();
    }
    w.i64(i.creationTime()).i64(i.lastAccessTime()).i64(i.lastWriteTime()).i64(i.changeTime());
    w.i64(i.endOfFile()).i64(i.allocationSize()).i32(i.attributes()).i32(n.length);
    switch (infoClass) {
      case FILE_DIRECTORY_INFORMATION -> {}
      case FILE_FULL_DIRECTORY_INFORMATION -> w.i32(0); // EaSize
      case FILE_ID_FULL_DIRECTORY_INFORMATION -> w.i32(0).i32(0).i64(i.fileId());
      case FILE_BOTH_DIRECTORY_INFORMATION -> w.i32(0).u8(0).u8(0).zeros(24);
      case FILE_ID_BOTH_DIRECTORY_INFORMATION ->
          w.i32(0).u8(0).u8(0).zeros(24).u16(0).i64(i.fileId());
      default -> throw new IllegalArgumentException("info class " + infoClass);
    }
    return w.bytes(n).toByteArray();
  }
}
