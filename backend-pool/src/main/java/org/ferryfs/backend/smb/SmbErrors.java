package org.ferryfs.backend.smb;

import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.protocol.transport.TransportException;
import com.hierynomus.smbj.common.SMBRuntimeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;

/**
 * Maps what smbj throws to the neutral {@link BackendStatus}: the one place where the SMB driver
 * turns NTSTATUS codes and transport failures into Ferry's vocabulary (DESIGN.md §5.3).
 *
 * <p>An {@link SMBApiException} carries the server's NTSTATUS ([MS-ERREF] 2.3); it is mapped by its
 * numeric code (smbj's {@code NtStatus} enum lacks several codes Samba sends, e.g. {@code
 * STATUS_FILE_TOO_LARGE}), unknown codes become {@link BackendStatus#IO_ERROR}. Every other failure
 * is the transport's: a {@link TimeoutException} anywhere in the cause chain is {@link
 * BackendStatus#TIMED_OUT} (smbj waits for each reply at most the configured timeout); a closed or
 * refused connection is {@link BackendStatus#UNAVAILABLE}.
 */
final class SmbErrors {

  // [MS-ERREF] 2.3.1 NTSTATUS values, by code; the comment names the status.
  private static final Map<Long, BackendStatus> BY_CODE =
      Map.ofEntries(
          Map.entry(0xC000000FL, BackendStatus.NOT_FOUND), // NO_SUCH_FILE
          Map.entry(0xC0000034L, BackendStatus.NOT_FOUND), // OBJECT_NAME_NOT_FOUND
          Map.entry(0xC000003AL, BackendStatus.NOT_FOUND), // OBJECT_PATH_NOT_FOUND (refined)
          Map.entry(0xC0000225L, BackendStatus.NOT_FOUND), // NOT_FOUND
          Map.entry(0xC0000056L, BackendStatus.NOT_FOUND), // DELETE_PENDING
          Map.entry(0xC0000123L, BackendStatus.NOT_FOUND), // FILE_DELETED
          Map.entry(0xC0000035L, BackendStatus.EXISTS), // OBJECT_NAME_COLLISION
          Map.entry(0xC0000103L, BackendStatus.NOT_DIRECTORY), // NOT_A_DIRECTORY
          Map.entry(0xC00000BAL, BackendStatus.IS_DIRECTORY), // FILE_IS_A_DIRECTORY
          Map.entry(0xC0000101L, BackendStatus.NOT_EMPTY), // DIRECTORY_NOT_EMPTY
          Map.entry(0xC0000022L, BackendStatus.ACCESS_DENIED), // ACCESS_DENIED
          Map.entry(0xC00000CAL, BackendStatus.ACCESS_DENIED), // NETWORK_ACCESS_DENIED
          Map.entry(0xC0000121L, BackendStatus.ACCESS_DENIED), // CANNOT_DELETE (read-only)
          Map.entry(0xC000006DL, BackendStatus.ACCESS_DENIED), // LOGON_FAILURE
          Map.entry(0xC000006AL, BackendStatus.ACCESS_DENIED), // WRONG_PASSWORD
          Map.entry(0xC0000071L, BackendStatus.ACCESS_DENIED), // PASSWORD_EXPIRED
          Map.entry(0xC0000072L, BackendStatus.ACCESS_DENIED), // ACCOUNT_DISABLED
          Map.entry(0xC000015BL, BackendStatus.ACCESS_DENIED), // LOGON_TYPE_NOT_GRANTED
          Map.entry(0xC0000061L, BackendStatus.NOT_OWNER), // PRIVILEGE_NOT_HELD
          Map.entry(0xC00000A2L, BackendStatus.READ_ONLY), // MEDIA_WRITE_PROTECTED
          Map.entry(0xC000007FL, BackendStatus.NO_SPACE), // DISK_FULL
          Map.entry(0xC0000044L, BackendStatus.QUOTA_EXCEEDED), // QUOTA_EXCEEDED
          Map.entry(0xC0000106L, BackendStatus.NAME_TOO_LONG), // NAME_TOO_LONG
          Map.entry(0xC0000033L, BackendStatus.INVALID_ARGUMENT), // OBJECT_NAME_INVALID
          Map.entry(0xC0000039L, BackendStatus.INVALID_ARGUMENT), // OBJECT_PATH_INVALID
          Map.entry(0xC000003BL, BackendStatus.INVALID_ARGUMENT), // OBJECT_PATH_SYNTAX_BAD
          Map.entry(0xC000000DL, BackendStatus.INVALID_ARGUMENT), // INVALID_PARAMETER
          Map.entry(0xC00001A1L, BackendStatus.INVALID_ARGUMENT), // INVALID_LOCK_RANGE
          Map.entry(0xC000007EL, BackendStatus.INVALID_ARGUMENT), // RANGE_NOT_LOCKED
          Map.entry(0xC0000904L, BackendStatus.FILE_TOO_LARGE), // FILE_TOO_LARGE
          Map.entry(0xC0000265L, BackendStatus.TOO_MANY_LINKS), // TOO_MANY_LINKS
          Map.entry(0xC00000D4L, BackendStatus.CROSS_DEVICE), // NOT_SAME_DEVICE
          Map.entry(0x8000002DL, BackendStatus.SYMLINK_LOOP), // STOPPED_ON_SYMLINK
          Map.entry(0xC0000280L, BackendStatus.SYMLINK_LOOP), // REPARSE_POINT_NOT_RESOLVED
          Map.entry(0xC0000008L, BackendStatus.STALE), // INVALID_HANDLE
          Map.entry(0xC0000128L, BackendStatus.STALE), // FILE_CLOSED
          Map.entry(0xC00000D5L, BackendStatus.STALE), // FILE_RENAMED
          Map.entry(0xC0000002L, BackendStatus.NOT_SUPPORTED), // NOT_IMPLEMENTED
          Map.entry(0xC00000BBL, BackendStatus.NOT_SUPPORTED), // NOT_SUPPORTED
          Map.entry(0xC0000010L, BackendStatus.NOT_SUPPORTED), // INVALID_DEVICE_REQUEST
          Map.entry(0xC0000003L, BackendStatus.NOT_SUPPORTED), // INVALID_INFO_CLASS
          Map.entry(0xC0000055L, BackendStatus.LOCKED), // LOCK_NOT_GRANTED
          Map.entry(0xC0000054L, BackendStatus.LOCKED), // FILE_LOCK_CONFLICT
          Map.entry(0xC0000043L, BackendStatus.SHARING_VIOLATION), // SHARING_VIOLATION
          Map.entry(0xC0000023L, BackendStatus.TOO_SMALL), // BUFFER_TOO_SMALL
          Map.entry(0xC0000102L, BackendStatus.IO_ERROR), // FILE_CORRUPT_ERROR
          Map.entry(0xC0000185L, BackendStatus.IO_ERROR), // IO_DEVICE_ERROR
          Map.entry(0xC00000E9L, BackendStatus.IO_ERROR), // UNEXPECTED_IO_ERROR
          Map.entry(0xC00000CCL, BackendStatus.NOT_FOUND), // BAD_NETWORK_NAME (no such share)
          Map.entry(0xC00000BEL, BackendStatus.UNAVAILABLE), // BAD_NETWORK_PATH
          Map.entry(0xC00000C9L, BackendStatus.UNAVAILABLE), // NETWORK_NAME_DELETED
          Map.entry(0xC0000203L, BackendStatus.UNAVAILABLE), // USER_SESSION_DELETED
          Map.entry(0xC000035CL, BackendStatus.UNAVAILABLE), // NETWORK_SESSION_EXPIRED
          Map.entry(0xC000020CL, BackendStatus.UNAVAILABLE), // CONNECTION_DISCONNECTED
          Map.entry(0xC000020DL, BackendStatus.UNAVAILABLE), // CONNECTION_RESET
          Map.entry(0xC000026EL, BackendStatus.UNAVAILABLE), // VOLUME_DISMOUNTED
          Map.entry(0xC000009AL, BackendStatus.DELAY), // INSUFFICIENT_RESOURCES
          Map.entry(0xC0000205L, BackendStatus.DELAY), // INSUFF_SERVER_RESOURCES
          Map.entry(0xC000011FL, BackendStatus.DELAY), // TOO_MANY_OPENED_FILES
          Map.entry(0xC00000D0L, BackendStatus.DELAY), // REQUEST_NOT_ACCEPTED
          Map.entry(0xC000022DL, BackendStatus.DELAY), // RETRY
          Map.entry(0xC0000120L, BackendStatus.DELAY), // CANCELLED
          Map.entry(0x00000102L, BackendStatus.TIMED_OUT), // TIMEOUT
          Map.entry(0xC00000B5L, BackendStatus.TIMED_OUT)); // IO_TIMEOUT

  /** NTSTATUS OBJECT_PATH_NOT_FOUND: a directory on the way is missing, or is no directory. */
  static final long OBJECT_PATH_NOT_FOUND = 0xC000003AL;

  /** NTSTATUS OBJECT_NAME_COLLISION. */
  static final long OBJECT_NAME_COLLISION = 0xC0000035L;

  /** NTSTATUS FILE_IS_A_DIRECTORY. */
  static final long FILE_IS_A_DIRECTORY = 0xC00000BAL;

  /** NTSTATUS CANNOT_DELETE: the file has the read-only attribute. */
  static final long CANNOT_DELETE = 0xC0000121L;

  private SmbErrors() {}

  /**
   * The neutral exception for {@code e}.
   *
   * @param context what was being done, e.g. {@code "getattr 'a/b' on smb://h/s"}; starts the
   *     message
   */
  static BackendException map(Throwable e, String context) {
    if (e instanceof BackendException be) {
      return be;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new BackendException(statusOf(e), context + ": " + describe(e), e);
  }

  /** The status for {@code e}. */
  static BackendStatus statusOf(Throwable e) {
    if (e instanceof BackendException be) {
      return be.status();
    }
    if (e instanceof SMBApiException api) {
      return byCode(api.getStatusCode());
    }
    if (isTimeout(e)) {
      return BackendStatus.TIMED_OUT;
    }
    if (isTransport(e)) {
      return BackendStatus.UNAVAILABLE;
    }
    // anything else (NullPointerException, IllegalStateException …) is a bug in Ferry or smbj
    return BackendStatus.SERVER_FAULT;
  }

  /** The status for an NTSTATUS code; {@link BackendStatus#IO_ERROR} for codes not listed. */
  static BackendStatus byCode(long ntStatus) {
    return BY_CODE.getOrDefault(ntStatus & 0xFFFFFFFFL, BackendStatus.IO_ERROR);
  }

  /** The NTSTATUS code of {@code e}, or -1 if it is no server answer. */
  static long code(Throwable e) {
    return e instanceof SMBApiException api ? api.getStatusCode() & 0xFFFFFFFFL : -1;
  }

  /**
   * Whether {@code e} means that the connection (or session) is unusable: the next call has to
   * connect anew. A server's NTSTATUS answer is not, except the ones that name a lost session.
   */
  static boolean losesConnection(Throwable e) {
    if (e instanceof SMBApiException) {
      return statusOf(e) == BackendStatus.UNAVAILABLE;
    }
    return isTransport(e) || isTimeout(e);
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean isTransport(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TransportException
          || t instanceof IOException
          || t instanceof InterruptedException
          || t instanceof CancellationException) {
        return true;
      }
      if (t instanceof SMBRuntimeException && !(t instanceof SMBApiException)) {
        // smbj's own wrapper: "… has already been closed", a failed connection, a bad reply
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("closed") || m.contains("disconnect") || m.contains("connect")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    if (e instanceof SMBApiException api) {
      String name = api.getStatus() != null ? api.getStatus().name() : "?";
      return String.format(Locale.ROOT, "%s (0x%08X)", name, api.getStatusCode() & 0xFFFFFFFFL);
    }
    if (isTimeout(e)) {
      return "no reply within the call timeout";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    String shown = root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    if (root instanceof InterruptedIOException || root instanceof InterruptedException) {
      return "interrupted: " + shown;
    }
    return shown;
  }
}
