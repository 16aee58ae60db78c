package org.ferryfs.smb.wire;

import java.nio.charset.StandardCharsets;

/**
 * [MS-FSCC] 2.4 file information classes and 2.5 file system information classes that QUERY_INFO
 * returns. Each method gives the structure's bytes.
 */
public final class FsccFileInfo {
  public static final int FILE_BASIC_INFORMATION = 4;
  public static final int FILE_STANDARD_INFORMATION = 5;
  public static final int FILE_INTERNAL_INFORMATION = 6;
  public static final int FILE_EA_INFORMATION = 7;
  public static final int FILE_ACCESS_INFORMATION = 8;
  public static final int FILE_RENAME_INFORMATION = 10;
  public static final int FILE_DISPOSITION_INFORMATION = 13;
  public static final int FILE_POSITION_INFORMATION = 14;
  public static final int FILE_MODE_INFORMATION = 16;
  public static final int FILE_ALIGNMENT_INFORMATION = 17;
  public static final int FILE_ALL_INFORMATION = 18;
  public static final int FILE_ALLOCATION_INFORMATION = 19;
  public static final int FILE_END_OF_FILE_INFORMATION = 20;
  public static final int FILE_STREAM_INFORMATION = 22;
  public static final int FILE_NETWORK_OPEN_INFORMATION = 34;
  public static final int FILE_ATTRIBUTE_TAG_INFORMATION = 35;
  public static final int FILE_ALTERNATE_NAME_INFORMATION = 21;
  public static final int FILE_COMPRESSION_INFORMATION = 28;
  public static final int FILE_NORMALIZED_NAME_INFORMATION = 48;

  public static final int FS_VOLUME_INFORMATION = 1;
  public static final int FS_SIZE_INFORMATION = 3;
  public static final int FS_DEVICE_INFORMATION = 4;
  public static final int FS_ATTRIBUTE_INFORMATION = 5;
  public static final int FS_FULL_SIZE_INFORMATION = 7;
  public static final int FS_SECTOR_SIZE_INFORMATION = 11;
  public static final int FS_CONTROL_INFORMATION = 6;
  public static final int FS_OBJECT_ID_INFORMATION = 8;

  private FsccFileInfo() {}

  /** [MS-FSCC] 2.4.7 FileBasicInformation (40 bytes). */
  public static void basic(ByteWriter w, FileInfo i) {
    w.i64(i.creationTime()).i64(i.lastAccessTime()).i64(i.lastWriteTime()).i64(i.changeTime());
    w.i32(i.attributes()).i32(0);
  }

  /** [MS-FSCC] 2.4.41 FileStandardInformation (24 bytes). */
  public static void standard(ByteWriter w, FileInfo i, boolean deletePending) {
    w.i64(i.allocationSize()).i64(i.endOfFile()).i32(i.links());
    w.u8(deletePending ? 1 : 0).u8(i.directory() ? 1 : 0).u16(0);
  }

  /** [MS-FSCC] 2.4.29 FileNetworkOpenInformation (56 bytes). */
  public static void networkOpen(ByteWriter w, FileInfo i) {
    w.i64(i.creationTime()).i64(i.lastAccessTime()).i64(i.lastWriteTime()).i64(i.changeTime());
    w.i64(i.allocationSize()).i64(i.endOfFile()).i32(i.attributes()).i32(0);
  }

  /**
   * [MS-FSCC] 2.4.2 FileAllInformation: Basic, Standard, Internal, Ea, Access, Position, Mode,
   * Alignment, Name (FileNameLength (4) + name).
   */
  public static void all(
      ByteWriter w, FileInfo i, boolean deletePending, int access, long position, String name) {
    basic(w, i);
    standard(w, i, deletePending);
    w.i64(i.fileId()); // Internal
    w.i32(0); // Ea
    w.i32(access); // Access
    w.i64(position); // Position
    w.i32(0); // Mode
    w.i32(0); // Alignment
    byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
    w.i32(n.length).bytes(n);
  }

  /** [MS-FSCC] 2.4.47 FileStreamInformation: the one unnamed data stream of a file. */
  public static void stream(ByteWriter w, FileInfo i) {
    byte[] n = "::$DATA".getBytes(StandardCharsets.UTF_16LE);
    w.i32(0).i32(n.length).i64(i.endOfFile()).i64(i.allocationSize()).bytes(n);
  }

  /** [MS-FSCC] 2.5.9 FileFsVolumeInformation. */
  public static void volume(ByteWriter w, long created, int serial, String label) {
    byte[] l = label.getBytes(StandardCharsets.UTF_16LE);
    w.i64(created).i32(serial).i32(l.length).u8(0).u8(0).bytes(l);
  }

  /** [MS-FSCC] 2.5.8 FileFsSizeInformation. */
  public static void size(
      ByteWriter w, long total, long available, int sectorsPerUnit, int bytesPerSector) {
    w.i64(total).i64(available).i32(sectorsPerUnit).i32(bytesPerSector);
  }

  /** [MS-FSCC] 2.5.4 FileFsFullSizeInformation. */
  public static void fullSize(
      ByteWriter w,
      long total,
      long callerAvailable,
      long actualAvailable,
      int sectorsPerUnit,
      int bytesPerSector) {
    w.i64(total).i64(callerAvailable).i64(actualAvailable).i32(sectorsPerUnit).i32(bytesPerSector);
  }

  /** [MS-FSCC] 2.5.10 FileFsDeviceInformation: FILE_DEVICE_DISK. */
  public static void device(ByteWriter w) {
    w.i32(0x00000007).i32(0);
  }

  /**
   * [MS-FSCC] 2.5.1 FileFsAttributeInformation: case-preserved and case-sensitive names, Unicode on
   * disk.
   */
  public static void attribute(ByteWriter w, int maxNameLength) {
    byte[] n = "NTFS".getBytes(StandardCharsets.UTF_16LE);
    int attrs =
        0x00000001
            | 0x00000002
            | 0x00000004; // CASE_SENSITIVE_SEARCH, CASE_PRESERVED, UNICODE_ON_DISK
    w.i32(attrs).i32(maxNameLength).i32(n.length).bytes(n);
  }

  /** [MS-FSCC] 2.5.7 FileFsSectorSizeInformation (28 bytes). */
  public static void sectorSize(ByteWriter w) {
    w.i32(512).i32(4096).i32(4096).i32(4096).i32(0).i32(0).i32(0);
  }

  /**
   * [MS-FSCC] 2.4.9 FileCompressionInformation (16 bytes) of a file that is not compressed:
   * CompressedFileSize is the file's size, CompressionFormat COMPRESSION_FORMAT_NONE.
   */
  public static void compression(ByteWriter w, FileInfo i) {
    w.i64(i.endOfFile()).u16(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0);
  }

  /**
   * A FileNameLength (4) and name structure: [MS-FSCC] 2.4.28 FileNormalizedNameInformation (the
   * same layout as 2.4.27 FileNameInformation).
   */
  public static void name(ByteWriter w, String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
    w.i32(n.length).bytes(n);
  }

  /**
   * [MS-FSCC] 2.5.2 FileFsControlInformation (48 bytes) of a volume that neither tracks nor
   * enforces quotas: the free-space filtering values 0, no default quota threshold or limit
   * (0xFFFFFFFFFFFFFFFF), FileSystemControlFlags 0 (FILE_VC_QUOTA_NONE).
   */
  public static void controlNoQuotas(ByteWriter w) {
    w.i64(0).i64(0).i64(0).i64(-1L).i64(-1L).i32(0).i32(0);
  }

  /** [MS-FSCC] 2.5.6 FileFsObjectIdInformation (64 bytes): ObjectId, ExtendedInfo all zero. */
  public static void objectId(ByteWriter w, byte[] objectId) {
    w.bytes(objectId).bytes(new byte[48]);
  }
}
