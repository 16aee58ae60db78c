package org.ferryfs.smb.wire;

/** [MS-ERREF] 2.3.1 NTSTATUS Values — the ones Ferry's SMB server sends. */
public final class NtStatus {
  public static final int STATUS_SUCCESS = 0x00000000;
  public static final int STATUS_PENDING = 0x00000103;
  public static final int STATUS_BUFFER_OVERFLOW = 0x80000005;
  public static final int STATUS_NO_MORE_FILES = 0x80000006;
  public static final int STATUS_NOT_IMPLEMENTED = 0xC0000002;
  public static final int STATUS_INVALID_INFO_CLASS = 0xC0000003;
  public static final int STATUS_INFO_LENGTH_MISMATCH = 0xC0000004;
  public static final int STATUS_INVALID_HANDLE = 0xC0000008;
  public static final int STATUS_INVALID_PARAMETER = 0xC000000D;
  public static final int STATUS_NO_SUCH_FILE = 0xC000000F;
  public static final int STATUS_INVALID_DEVICE_REQUEST = 0xC0000010;
  public static final int STATUS_END_OF_FILE = 0xC0000011;
  public static final int STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016;
  public static final int STATUS_ACCESS_DENIED = 0xC0000022;
  public static final int STATUS_BUFFER_TOO_SMALL = 0xC0000023;
  public static final int STATUS_BAD_IMPERSONATION_LEVEL = 0xC00000A5;
  public static final int STATUS_INVALID_VIEW_SIZE = 0xC000001F;
  public static final int STATUS_OBJECT_NAME_INVALID = 0xC0000033;
  public static final int STATUS_OBJECT_NAME_NOT_FOUND = 0xC0000034;
  public static final int STATUS_OBJECT_NAME_COLLISION = 0xC0000035;
  public static final int STATUS_OBJECT_PATH_NOT_FOUND = 0xC000003A;
  public static final int STATUS_SHARING_VIOLATION = 0xC0000043;
  public static final int STATUS_DELETE_PENDING = 0xC0000056;
  public static final int STATUS_FILE_LOCK_CONFLICT = 0xC0000054;
  public static final int STATUS_PRIVILEGE_NOT_HELD = 0xC0000061;
  public static final int STATUS_LOGON_FAILURE = 0xC000006D;
  public static final int STATUS_DISK_FULL = 0xC000007F;
  public static final int STATUS_INSUFFICIENT_RESOURCES = 0xC000009A;
  public static final int STATUS_MEDIA_WRITE_PROTECTED = 0xC00000A2;
  public static final int STATUS_IO_TIMEOUT = 0xC00000B5;
  public static final int STATUS_FILE_IS_A_DIRECTORY = 0xC00000BA;
  public static final int STATUS_NOT_SUPPORTED = 0xC00000BB;
  public static final int STATUS_PIPE_EMPTY = 0xC00000D9;
  public static final int STATUS_NETWORK_NAME_DELETED = 0xC00000C9;
  public static final int STATUS_BAD_NETWORK_NAME = 0xC00000CC;
  public static final int STATUS_REQUEST_NOT_ACCEPTED = 0xC00000D0;
  public static final int STATUS_INTERNAL_ERROR = 0xC00000E5;
  public static final int STATUS_UNEXPECTED_IO_ERROR = 0xC00000E9;
  public static final int STATUS_DIRECTORY_NOT_EMPTY = 0xC0000101;
  public static final int STATUS_NOT_A_DIRECTORY = 0xC0000103;
  public static final int STATUS_NAME_TOO_LONG = 0xC0000106;
  public static final int STATUS_CANCELLED = 0xC0000120;
  public static final int STATUS_FILE_CLOSED = 0xC0000128;
  public static final int STATUS_USER_SESSION_DELETED = 0xC0000203;
  public static final int STATUS_NOT_SAME_DEVICE = 0xC00000D4;
  public static final int STATUS_TOO_MANY_LINKS = 0xC0000265;
  public static final int STATUS_FILE_TOO_LARGE = 0xC0000904;
  public static final int STATUS_QUOTA_EXCEEDED = 0xC0000044;
  public static final int STATUS_STOPPED_ON_SYMLINK = 0x8000002D;
  public static final int STATUS_FILE_INVALID = 0xC0000098;
  public static final int STATUS_NETWORK_SESSION_EXPIRED = 0xC000035C;
  public static final int STATUS_RETRY = 0xC000022D;

  private NtStatus() {}

  /** An error is any status with the severity bits 11 (MS-ERREF 2.3). */
  public static boolean isError(int status) {
    return (status >>> 30) == 3;
  }

  public static String hex(int status) {
    return String.format("0x%08X", status);
  }
}
