package org.ferryfs.backend.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;

/**
 * Maps every exception java.nio throws to the neutral {@link BackendStatus}: the one place where
 * the local driver turns Java's errors into Ferry's (DESIGN.md §5.3).
 *
 * <p>java.nio gives typed exceptions for a few errnos only (ENOENT, EEXIST, EACCES, ENOTEMPTY,
 * ENOTDIR from some calls); every other errno arrives as a {@link FileSystemException} whose reason
 * (or, from {@code FileChannel} I/O, a plain {@link IOException} whose message) is the C library's
 * {@code strerror} text. Those are matched by the glibc English texts below, so the JVM must run
 * with untranslated error messages ({@code LC_MESSAGES} C or English, the default in containers);
 * {@link LocalDriver} warns at start-up when it finds translated ones. Unknown texts map to {@link
 * BackendStatus#IO_ERROR}.
 */
final class LocalErrors {

  /** glibc {@code strerror} texts and the status each stands for, most specific first. */
  private static final List<Reason> REASONS =
      List.of(
          new Reason("No such file or directory", BackendStatus.NOT_FOUND), // ENOENT
          new Reason("File exists", BackendStatus.EXISTS), // EEXIST
          new Reason("Not a directory", BackendStatus.NOT_DIRECTORY), // ENOTDIR
          new Reason("Is a directory", BackendStatus.IS_DIRECTORY), // EISDIR
          new Reason("Directory not empty", BackendStatus.NOT_EMPTY), // ENOTEMPTY
          new Reason("Permission denied", BackendStatus.ACCESS_DENIED), // EACCES
          new Reason("Operation not permitted", BackendStatus.NOT_OWNER), // EPERM
          new Reason("Read-only file system", BackendStatus.READ_ONLY), // EROFS
          new Reason("No space left on device", BackendStatus.NO_SPACE), // ENOSPC
          new Reason("Disk quota exceeded", BackendStatus.QUOTA_EXCEEDED), // EDQUOT
          new Reason("File name too long", BackendStatus.NAME_TOO_LONG), // ENAMETOOLONG
          new Reason("Too many levels of symbolic links", BackendStatus.SYMLINK_LOOP), // ELOOP
          new Reason("Invalid cross-device link", BackendStatus.CROSS_DEVICE), // EXDEV
          new Reason("Too many links", BackendStatus.TOO_MANY_LINKS), // EMLINK
          new Reason("File too large", BackendStatus.FILE_TOO_LARGE), // EFBIG
          new Reason("Invalid argument", BackendStatus.INVALID_ARGUMENT), // EINVAL
          new Reason("Operation not supported", BackendStatus.NOT_SUPPORTED), // EOPNOTSUPP
          new Reason("Function not implemented", BackendStatus.NOT_SUPPORTED), // ENOSYS
          new Reason("Stale file handle", BackendStatus.STALE), // ESTALE (an NFS mount)
          new Reason("Input/output error", BackendStatus.IO_ERROR)); // EIO

  private record Reason(String text, BackendStatus status) {}

  private LocalErrors() {}

  /**
   * The neutral exception for {@code e}.
   *
   * @param e what java.nio (or the driver) threw
   * @param context what was being done, e.g. {@code "open 'a/b' on file:///srv/a"}; starts the
   *     message
   */
  static BackendException map(Throwable e, String context) {
    if (e instanceof BackendException be) {
      return be;
    }
    Throwable cause = unwrap(e);
    BackendStatus status = statusOf(cause);
    return new BackendException(status, context + ": " + describe(cause), cause);
  }

  /** The status for {@code e}, after unwrapping. */
  static BackendStatus statusOf(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof BackendException be) {
      return be.status();
    }
    // Typed java.nio exceptions first: their class is the errno.
    if (t instanceof NoSuchFileException) {
      return BackendStatus.NOT_FOUND;
    }
    if (t instanceof FileAlreadyExistsException) {
      return BackendStatus.EXISTS;
    }
    if (t instanceof DirectoryNotEmptyException) {
      return BackendStatus.NOT_EMPTY;
    }
    if (t instanceof NotDirectoryException) {
      return BackendStatus.NOT_DIRECTORY;
    }
    if (t instanceof AccessDeniedException) {
      return BackendStatus.ACCESS_DENIED;
    }
    if (t instanceof NotLinkException) {
      // readlink(2) EINVAL: the object is no symbolic link (BackendExport#readlink)
      return BackendStatus.INVALID_ARGUMENT;
    }
    if (t instanceof AtomicMoveNotSupportedException) {
      return BackendStatus.CROSS_DEVICE; // renameat(2) EXDEV
    }
    if (t instanceof FileSystemLoopException) {
      return BackendStatus.SYMLINK_LOOP;
    }
    if (t instanceof ClosedChannelException) {
      // includes ClosedByInterruptException and AsynchronousCloseException: the handle is gone
      return BackendStatus.STALE;
    }
    if (t instanceof FileSystemException fse) {
      return byText(fse.getReason());
    }
    if (t instanceof IOException) {
      return byText(t.getMessage());
    }
    // Runtime exceptions java.nio throws for bad arguments or closed objects.
    if (t instanceof InvalidPathException || t instanceof IllegalArgumentException) {
      return BackendStatus.INVALID_ARGUMENT;
    }
    if (t instanceof NonWritableChannelException || t instanceof NonReadableChannelException) {
      return BackendStatus.ACCESS_DENIED;
    }
    if (t instanceof ClosedDirectoryStreamException) {
      return BackendStatus.UNAVAILABLE; // the export was closed under the call
    }
    if (t instanceof UnsupportedOperationException) {
      return BackendStatus.NOT_SUPPORTED;
    }
    if (t instanceof SecurityException) {
      return BackendStatus.ACCESS_DENIED;
    }
    // Anything else (NullPointerException, ClassCastException …) is a bug in Ferry.
    return BackendStatus.SERVER_FAULT;
  }

  /** The status for a {@code strerror} text, {@link BackendStatus#IO_ERROR} if unknown. */
  static BackendStatus byText(String text) {
    if (text == null) {
      return BackendStatus.IO_ERROR;
    }
    for (Reason r : REASONS) {
      // java.nio appends to some texts, e.g. "... or unable to access attributes of symbolic
      // link" or " (NOFOLLOW_LINKS specified)"; plain IOExceptions may carry a prefix.
      if (text.contains(r.text())) {
        return r.status();
      }
    }
    return BackendStatus.IO_ERROR;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof UncheckedIOException || t instanceof DirectoryIteratorException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String describe(Throwable t) {
    if (t instanceof ClosedByInterruptException) {
      return "the handle was closed because a thread was interrupted during I/O";
    }
    if (t instanceof AsynchronousCloseException) {
      return "the handle was closed during the call";
    }
    if (t instanceof ClosedChannelException) {
      return "the handle is closed";
    }
    if (t instanceof ClosedDirectoryStreamException) {
      return "the export was closed";
    }
    if (t instanceof FileSystemException fse) {
      String reason = fse.getReason();
      return simpleName(t) + (reason == null ? "" : ": " + reason);
    }
    String message = t.getMessage();
    return message == null ? simpleName(t) : simpleName(t) + ": " + message;
  }

  private static String simpleName(Throwable t) {
    return t.getClass().getSimpleName();
  }
}
