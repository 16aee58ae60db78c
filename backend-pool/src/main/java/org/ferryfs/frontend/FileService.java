package org.ferryfs.frontend;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.backend.FsStats;
import org.ferryfs.backend.SetAttributes;

/**
 * The facade the core gives the front ends (NFS, SMB): file operations on Ferry-owned {@link
 * FileRef}s. Front ends decode a request, call one method here, and encode the answer; they never
 * see the mapping store, a backend driver, or a backend's identifiers.
 *
 * <p>The core behind this facade resolves the reference through the handle map, checks the export's
 * access rule against {@link Caller#address()}, the export's read-only flag and the caller's
 * permissions, waits at the export gate while the export is paused for a move, and routes the call
 * to the backend that holds the export now.
 *
 * <p><b>Errors.</b> Every failure is a {@link BackendException}; notable statuses: {@link
 * BackendStatus#STALE} for a reference whose object or export is gone, {@link
 * BackendStatus#BAD_HANDLE} for a reference this Ferry never issued, {@link
 * BackendStatus#ACCESS_DENIED} for a client the export's rule refuses or a caller the permission
 * bits refuse, {@link BackendStatus#READ_ONLY} for a change on a read-only export, {@link
 * BackendStatus#INVALID_ARGUMENT} for a name with {@code /} or NUL or that is {@code .} or {@code
 * ..} where a new name is required, {@link BackendStatus#DELAY} if the export stayed paused longer
 * than the front end may wait.
 *
 * <p>Attributes returned here always carry Ferry's object id as {@link FileAttributes#fileId()}.
 */
public interface FileService {

  /**
   * True if no call can wait on a network backend (every backend is a local directory), so a front
   * end may run short calls on its I/O threads. False whenever a call might hang until a backend
   * timeout: such a call on an I/O thread would stall every connection that thread serves.
   */
  default boolean callsAreLocal() {
    return false;
  }

  /** Every export, sorted by name. */
  List<ExportView> exports();

  /**
   * Resolves a mount path ({@code /alpha} or {@code /alpha/sub/dir}) for a client.
   *
   * @throws BackendException {@link BackendStatus#NOT_FOUND} for no such export or directory,
   *     {@link BackendStatus#ACCESS_DENIED} if the export's rule refuses the client, {@link
   *     BackendStatus#NOT_DIRECTORY} if the path names a non-directory
   */
  FileRef mount(Caller caller, String path) throws BackendException;

  /**
   * The export a reference belongs to.
   *
   * @throws BackendException {@link BackendStatus#STALE} if that export is gone
   */
  ExportView export(FileRef ref) throws BackendException;

  /** Attributes of an object. */
  FileAttributes getattr(Caller caller, FileRef ref) throws BackendException;

  /**
   * Changes attributes.
   *
   * @param guardCtime if not {@code null}, the change happens only if the object's ctime equals it;
   *     otherwise {@link BackendStatus#NOT_SYNC}
   * @return the attributes after the change
   */
  FileAttributes setattr(Caller caller, FileRef ref, SetAttributes change, Instant guardCtime)
      throws BackendException;

  /**
   * Finds {@code name} in {@code dir}. {@code "."} is {@code dir} itself, {@code ".."} its parent
   * (the export root's parent is the root: nothing above an export can be reached).
   */
  Lookup lookup(Caller caller, FileRef dir, String name) throws BackendException;

  /** Which of the {@link Access} bits in {@code requested} the caller has on the object. */
  Granted access(Caller caller, FileRef ref, int requested) throws BackendException;

  /** The target of a symbolic link, verbatim. */
  String readlink(Caller caller, FileRef ref) throws BackendException;

  /**
   * Reads up to {@code dst.remaining()} bytes at {@code offset} into {@code dst}.
   *
   * @throws BackendException {@link BackendStatus#IS_DIRECTORY} / {@link
   *     BackendStatus#INVALID_ARGUMENT} for a non-regular file
   */
  ReadResult read(Caller caller, FileRef ref, long offset, ByteBuffer dst) throws BackendException;

  /** Writes all of {@code src} at {@code offset} with at least the given durability. */
  WriteResult write(
      Caller caller, FileRef ref, long offset, ByteBuffer src, WriteStability stability)
      throws BackendException;

  /**
   * Makes earlier unstable writes to the object durable.
   *
   * @return the attributes after the commit
   */
  FileAttributes commit(Caller caller, FileRef ref, long offset, long count)
      throws BackendException;

  /**
   * The write verifier: it changes exactly when unstable writes acknowledged earlier may have been
   * lost, telling clients to send them again (RFC 1813 §3.3.7).
   */
  long writeVerifier();

  /**
   * Creates a regular file.
   *
   * @param verifier the client's verifier for {@link CreateMode#EXCLUSIVE}, else ignored
   */
  Created create(
      Caller caller,
      FileRef dir,
      String name,
      CreateMode mode,
      SetAttributes initial,
      long verifier)
      throws BackendException;

  /** Creates a directory. */
  Created mkdir(Caller caller, FileRef dir, String name, SetAttributes initial)
      throws BackendException;

  /** Creates a symbolic link holding {@code target} verbatim. */
  Created symlink(Caller caller, FileRef dir, String name, String target, SetAttributes initial)
      throws BackendException;

  /** Creates a device node, FIFO or socket. */
  Created mknod(
      Caller caller,
      FileRef dir,
      String name,
      FileType type,
      int major,
      int minor,
      SetAttributes initial)
      throws BackendException;

  /**
   * Removes a non-directory name.
   *
   * @return the directory's attributes after the removal
   */
  FileAttributes remove(Caller caller, FileRef dir, String name) throws BackendException;

  /**
   * Removes an empty directory.
   *
   * @return the parent directory's attributes after the removal
   */
  FileAttributes rmdir(Caller caller, FileRef dir, String name) throws BackendException;

  /** Renames with POSIX semantics; references to the renamed object stay valid. */
  Renamed rename(Caller caller, FileRef fromDir, String fromName, FileRef toDir, String toName)
      throws BackendException;

  /**
   * Makes a hard link {@code name} in {@code dir} to {@code file}.
   *
   * @return {@code file}'s reference and attributes, and the directory's attributes
   */
  Created link(Caller caller, FileRef file, FileRef dir, String name) throws BackendException;

  /**
   * Lists a directory from {@code cookie} on (0 = from the start).
   *
   * @param verifier the verifier from the page that gave {@code cookie}; ignored for cookie 0
   * @param maxEntries most entries to return (at least 1)
   * @param withAttributes fill in {@link DirPage.Entry#attributes()}
   * @throws BackendException {@link BackendStatus#BAD_COOKIE} if cookie and verifier do not belong
   *     together
   */
  DirPage readdir(
      Caller caller,
      FileRef dir,
      long cookie,
      long verifier,
      int maxEntries,
      boolean withAttributes)
      throws BackendException;

  /** Space and file counts for the export holding {@code ref}. */
  FsStats fsstat(Caller caller, FileRef ref) throws BackendException;

  /** POSIX limits for the export holding {@code ref}. */
  PathConf pathconf(Caller caller, FileRef ref) throws BackendException;

  /**
   * The secret the front ends use to authenticate the handles they issue (e.g. an HMAC key for NFS
   * file handles), stable across restarts of this Ferry, at least 32 bytes.
   */
  byte[] handleSecret();
}
