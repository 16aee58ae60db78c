package org.ferryfs.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
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
import java.util.Map;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalErrorsTest {

  @Test
  void typedExceptionsMapByTheirClass() {
    Map<Throwable, BackendStatus> cases =
        Map.ofEntries(
            Map.entry(new NoSuchFileException("/x"), BackendStatus.NOT_FOUND),
            Map.entry(new FileAlreadyExistsException("/x"), BackendStatus.EXISTS),
            Map.entry(new DirectoryNotEmptyException("/x"), BackendStatus.NOT_EMPTY),
            Map.entry(new NotDirectoryException("/x"), BackendStatus.NOT_DIRECTORY),
            Map.entry(new AccessDeniedException("/x"), BackendStatus.ACCESS_DENIED),
            Map.entry(new NotLinkException("/x"), BackendStatus.INVALID_ARGUMENT),
            Map.entry(
                new AtomicMoveNotSupportedException("/a", "/b", "Invalid cross-device link"),
                BackendStatus.CROSS_DEVICE),
            Map.entry(new FileSystemLoopException("/x"), BackendStatus.SYMLINK_LOOP),
            Map.entry(new ClosedChannelException(), BackendStatus.STALE),
            Map.entry(new ClosedByInterruptException(), BackendStatus.STALE),
            Map.entry(
                new InvalidPathException("a\0b", "Nul character"), BackendStatus.INVALID_ARGUMENT),
            Map.entry(
                new IllegalArgumentException("Negative position"), BackendStatus.INVALID_ARGUMENT),
            Map.entry(new NonWritableChannelException(), BackendStatus.ACCESS_DENIED),
            Map.entry(new ClosedDirectoryStreamException(), BackendStatus.UNAVAILABLE),
            Map.entry(new UnsupportedOperationException("x"), BackendStatus.NOT_SUPPORTED),
            Map.entry(new SecurityException("x"), BackendStatus.ACCESS_DENIED),
            Map.entry(new NullPointerException("bug"), BackendStatus.SERVER_FAULT));
    cases.forEach(
        (e, status) -> {
          BackendException mapped = LocalErrors.map(e, "op 'p' on file:///x");
          assertThat(mapped.status()).as(e.toString()).isEqualTo(status);
          assertThat(mapped.getCause()).isSameAs(e);
          assertThat(mapped.getMessage()).startsWith("op 'p' on file:///x: ");
        });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Is a directory|IS_DIRECTORY",
        "Not a directory|NOT_DIRECTORY",
        "No space left on device|NO_SPACE",
        "Read-only file system|READ_ONLY",
        "File name too long|NAME_TOO_LONG",
        "Too many levels of symbolic links or unable to access attributes of symbolic link|SYMLINK_LOOP",
        "Invalid cross-device link|CROSS_DEVICE",
        "Too many links|TOO_MANY_LINKS",
        "Disk quota exceeded|QUOTA_EXCEEDED",
        "File too large|FILE_TOO_LARGE",
        "Operation not permitted|NOT_OWNER",
        "Permission denied|ACCESS_DENIED",
        "Directory not empty|NOT_EMPTY",
        "File exists|EXISTS",
        "No such file or directory|NOT_FOUND",
        "Invalid argument|INVALID_ARGUMENT",
        "Operation not supported|NOT_SUPPORTED",
        "Function not implemented|NOT_SUPPORTED",
        "Stale file handle|STALE",
        "Input/output error|IO_ERROR",
        "Device or resource busy|IO_ERROR",
        "Something nobody expected|IO_ERROR"
      })
  void fileSystemExceptionsMapByTheirReason(String reason, BackendStatus status) {
    assertThat(LocalErrors.map(new FileSystemException("/a", null, reason), "ctx").status())
        .isEqualTo(status);
    // FileChannel I/O and some java.nio paths throw plain IOExceptions with the same text
    assertThat(LocalErrors.map(new IOException(reason), "ctx").status()).isEqualTo(status);
  }

  @Test
  void theNoFollowSuffixStillMapsToALoop() {
    IOException e = new IOException("Too many levels of symbolic links (NOFOLLOW_LINKS specified)");
    assertThat(LocalErrors.statusOf(e)).isEqualTo(BackendStatus.SYMLINK_LOOP);
  }

  @Test
  void wrappersAreUnwrapped() {
    assertThat(LocalErrors.statusOf(new UncheckedIOException(new NoSuchFileException("x"))))
        .isEqualTo(BackendStatus.NOT_FOUND);
    assertThat(
            LocalErrors.statusOf(
                new DirectoryIteratorException(
                    new FileSystemException("x", null, "Input/output error"))))
        .isEqualTo(BackendStatus.IO_ERROR);
  }

  @Test
  void aBackendExceptionPassesThroughUnchanged() {
    BackendException e = new BackendException(BackendStatus.DELAY, "later");
    assertThat(LocalErrors.map(e, "ctx")).isSameAs(e);
  }

  @Test
  void nullReasonsAreIoErrors() {
    assertThat(LocalErrors.statusOf(new FileSystemException("x")))
        .isEqualTo(BackendStatus.IO_ERROR);
    assertThat(LocalErrors.statusOf(new IOException())).isEqualTo(BackendStatus.IO_ERROR);
    assertThat(LocalErrors.byText(null)).isEqualTo(BackendStatus.IO_ERROR);
  }

  @Test
  void messagesNameTheReasonButNotTheBackendPath() {
    BackendException e =
        LocalErrors.map(
            new FileSystemException("/srv/secret/layout/a", null, "No space left on device"),
            "write of open 'a' on file:///srv/x");
    assertThat(e.getMessage())
        .isEqualTo(
            "write of open 'a' on file:///srv/x: FileSystemException: No space left on device");
  }
}
