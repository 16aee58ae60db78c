package org.ferryfs.smb.wire;

import org.ferryfs.backend.BackendStatus;

/**
 * The one mapping of Ferry's neutral {@link BackendStatus} to NTSTATUS (DESIGN.md §5.3), after
 * Samba's {@code unix_nt_errmap}. Exhaustive: a new {@code BackendStatus} fails the build here.
 */
public final class SmbStatus {
  private SmbStatus() {}

  public static int of(BackendStatus s) {
    return switch (s) {
      case NOT_FOUND -> NtStatus.STATUS_OBJECT_NAME_NOT_FOUND;
      case EXISTS -> NtStatus.STATUS_OBJECT_NAME_COLLISION;
      case NOT_DIRECTORY -> NtStatus.STATUS_NOT_A_DIRECTORY;
      case IS_DIRECTORY -> NtStatus.STATUS_FILE_IS_A_DIRECTORY;
      case NOT_EMPTY -> NtStatus.STATUS_DIRECTORY_NOT_EMPTY;
      case ACCESS_DENIED, NOT_OWNER -> NtStatus.STATUS_ACCESS_DENIED;
      case READ_ONLY -> NtStatus.STATUS_MEDIA_WRITE_PROTECTED;
      case NO_SPACE -> NtStatus.STATUS_DISK_FULL;
      case QUOTA_EXCEEDED -> NtStatus.STATUS_QUOTA_EXCEEDED;
      case NAME_TOO_LONG -> NtStatus.STATUS_NAME_TOO_LONG;
      case INVALID_ARGUMENT -> NtStatus.STATUS_INVALID_PARAMETER;
      case FILE_TOO_LARGE -> NtStatus.STATUS_FILE_TOO_LARGE;
      case TOO_MANY_LINKS -> NtStatus.STATUS_TOO_MANY_LINKS;
      case CROSS_DEVICE -> NtStatus.STATUS_NOT_SAME_DEVICE;
      // STATUS_STOPPED_ON_SYMLINK is a warning (0x8...), clients would take it for success
      case SYMLINK_LOOP -> NtStatus.STATUS_ACCESS_DENIED;
      case STALE, BAD_HANDLE -> NtStatus.STATUS_FILE_CLOSED;
      case NOT_SUPPORTED -> NtStatus.STATUS_NOT_SUPPORTED;
      case LOCKED -> NtStatus.STATUS_FILE_LOCK_CONFLICT;
      case SHARING_VIOLATION -> NtStatus.STATUS_SHARING_VIOLATION;
      case BAD_COOKIE -> NtStatus.STATUS_INVALID_PARAMETER;
      case NOT_SYNC -> NtStatus.STATUS_RETRY;
      case TOO_SMALL -> NtStatus.STATUS_BUFFER_TOO_SMALL;
      case IO_ERROR -> NtStatus.STATUS_UNEXPECTED_IO_ERROR;
      case UNAVAILABLE -> NtStatus.STATUS_NETWORK_NAME_DELETED;
      case TIMED_OUT -> NtStatus.STATUS_IO_TIMEOUT;
      case DELAY -> NtStatus.STATUS_RETRY;
      case SERVER_FAULT -> NtStatus.STATUS_INTERNAL_ERROR;
    };
  }
}
