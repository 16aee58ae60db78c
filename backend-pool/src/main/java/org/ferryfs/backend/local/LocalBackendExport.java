package org.ferryfs.backend.local;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.ferryfs.backend.BackendCapabilities;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.BackendPaths;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.DirEntry;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.backend.FsStats;
import org.ferryfs.backend.OpenMode;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.backend.TimeChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BackendExport} on a directory of the local file system, through java.nio.
 *
 * <h2>Design note: containment</h2>
 *
 * <p>Nothing may resolve outside the export root, and no symbolic link is followed while resolving
 * a path, neither in an intermediate component nor in the final one ({@link BackendExport}). Linux
 * has the exact tool for this, {@code openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)}, but java.nio
 * (release 21, no FFM) does not reach it. What java.nio does offer is layered here:
 *
 * <ol>
 *   <li><b>Lexical rules</b> ({@link BackendPaths#split}): no empty, {@code .} or {@code ..}
 *       components, no leading {@code /}, no NUL. The root is a real path ({@code toRealPath})
 *       taken once when the export opens.
 *   <li><b>Descriptor walks</b> for the calls {@link SecureDirectoryStream} can make: {@code open},
 *       {@code create} (the file itself), {@code remove}, {@code rmdir}, {@code rename}, the names
 *       of {@code list}, and size changes. Starting from a descriptor of the root held for the
 *       export's life, every component is opened with {@code openat(dirfd, name, O_NOFOLLOW)} and
 *       the final call is an {@code *at} call on the parent's descriptor ({@code openat}, {@code
 *       unlinkat}, {@code renameat}). The kernel refuses every symbolic link on the way, so these
 *       calls cannot escape even if another process changes the tree meanwhile. Each component is
 *       {@code fstatat}-ed before it is opened, so a FIFO never blocks the walk.
 *   <li><b>Checked paths</b> for the calls java.nio only offers on whole paths ({@code getattr},
 *       attributes of {@code list} entries, {@code setattr}'s mode/owner/times, {@code mkdir},
 *       {@code symlink}, {@code readlink}, {@code link}): each intermediate component is {@code
 *       lstat}-ed and must be a real directory, and the final call does not follow a final link
 *       ({@code lstat}, {@code lchown}, {@code open(O_NOFOLLOW)}+{@code futimens} or {@code
 *       utimensat(AT_SYMLINK_NOFOLLOW)}, {@code mkdir}, {@code symlink}, {@code readlink}, {@code
 *       link}, none of which follows its final component). A mode change of a file or directory
 *       ({@code setattr}, a new object's mode) is an {@code openat(dirfd, rest, O_NOFOLLOW)}+{@code
 *       fchmod} relative to the open parent or else the root descriptor (the intermediate
 *       components of {@code rest} are the ones just {@code lstat}-ed under the lock), so its final
 *       component is never followed; only setuid/setgid/sticky bits, which that java.nio call
 *       cannot set, go by path, where java.nio's no-follow variant does follow a final link on JDK
 *       22 and later (it passes {@code O_NOFOLLOW} as {@code open}'s mode argument since
 *       JDK-8062795), and only the {@code lstat} under the lock keeps links out.
 *   <li><b>A namespace lock</b> closes the race between the check and the use of a checked path for
 *       everything that comes through Ferry: only {@code symlink}, {@code link} and {@code rename}
 *       can put a symbolic link or another directory where a checked directory was, so they take
 *       the export's lock exclusively, and every checked-path call holds it shared. A client cannot
 *       swap a directory for a link to {@code /etc} between another request's check and use.
 *       Descriptor walks need no lock (the kernel checks them), except rename, which takes it to
 *       protect the others.
 * </ol>
 *
 * <p><b>TOCTOU limit.</b> The lock only orders calls made through this object. Another process
 * writing in the export directory (a local user, a second Ferry on the same directory) can replace
 * a checked directory with a symbolic link in the microseconds between an {@code lstat} and the
 * path call, and so redirect a checked-path call (getattr, readlink, list attributes, setattr
 * owner/times/special mode bits, mkdir, symlink, link) outside the root. Descriptor-walk calls stay
 * contained. Closing this for good needs {@code openat2} or the {@code *at} calls java.nio lacks
 * ({@code fstatat} with full results, {@code fchmodat}, {@code fchownat}, {@code mkdirat}, {@code
 * symlinkat}, {@code linkat}, {@code readlinkat}, {@code utimensat} on a directory descriptor),
 * i.e. the FFM API once the build moves past release 21. Until then: give no other process write
 * access to an export directory.
 *
 * <p><b>Cost.</b> A checked path costs one {@code lstat} per intermediate component (none for a
 * name in the root), a dentry-cache hit in the kernel. A descriptor walk costs eight calls per
 * component: {@code fstatat}, then for java.nio's {@code newDirectoryStream} an {@code openat}, a
 * {@code dup}, {@code fdopendir}'s {@code fstat} and two {@code fcntl}, and at the end two {@code
 * close}s. Reads and writes go through a {@link BackendHandle} and resolve nothing. No resolution
 * result is cached: a cache would have to be invalidated by changes other processes make, which
 * this driver cannot see. What is kept is verified before use: a file {@code create} has just made
 * stays open for a while ({@link CreatedFiles}), and the {@code open} that usually follows uses it
 * only if the path, checked as above, names that same object (device and inode) then; otherwise it
 * walks.
 *
 * <p>Calls per operation one directory below the root (strace, Ferry as root): {@code getattr} 2
 * ({@code statx}); {@code create} 11 (the walk's 8, {@code openat(O_CREAT|O_EXCL, mode)}, one
 * {@code statx}, and the file's {@code close}, later if an {@code open} takes it); {@code open} 12,
 * or 2 right after a {@code create}; a handle's {@code getattr} 2; {@code remove} 9. A new object
 * gets its initial attributes in the fewest calls its creation leaves ({@code initialize}): created
 * with its final permission bits when that gives nobody more than the end result does, then only
 * what differs is changed.
 *
 * <h2>Attributes</h2>
 *
 * <p>From the {@code unix} attribute view with {@code NOFOLLOW_LINKS}, naming the attributes rather
 * than {@code unix:*}, which would also resolve the owner's and group's names ({@code getpwuid}) on
 * every call. java.nio does not expose {@code st_blocks}: {@code spaceUsed} is the size rounded up
 * to the file system's block size for regular files and directories (too high for sparse files, too
 * low for preallocated ones) and 0 for other types. Birth time: java.nio reports {@code
 * creationTime} equal to {@code lastModifiedTime} where the file system keeps no birth time, so
 * whether it does is probed once, when the export opens, on the root and its ancestors on the same
 * file system (a directory whose birth and modification times differ proves it); without proof
 * {@code birthTime} is {@code null}.
 */
public final class LocalBackendExport implements BackendExport {
  private static final Logger LOG = LoggerFactory.getLogger(LocalBackendExport.class);

  /**
   * The unix-view attributes every getattr reads, named one by one: {@code unix:*} would add {@code
   * owner}/{@code group} (a name lookup each) and build a map entry for every attribute, and each
   * named one costs its map entry (tens of ns). {@code creationTime} is added where the file system
   * keeps birth times, {@code fileKey} (device and inode) where the object must be recognised.
   */
  private static final String UNIX_ATTRIBUTES =
      "unix:mode,ino,rdev,nlink,uid,gid,size,lastAccessTime,lastModifiedTime,ctime";

  // st_mode file types, POSIX <sys/stat.h>
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  /** NAME_MAX of Linux file systems. */
  static final int MAX_NAME_LENGTH = 255;

  private static final Set<OpenOption> READ_ONLY = Set.of(StandardOpenOption.READ, NOFOLLOW_LINKS);
  private static final Set<OpenOption> READ_WRITE =
      Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, NOFOLLOW_LINKS);
  private static final Set<OpenOption> WRITE_ONLY =
      Set.of(StandardOpenOption.WRITE, NOFOLLOW_LINKS);

  /**
   * O_RDWR|O_CREAT|O_EXCL, which never follows a link in the final component (POSIX open(2));
   * read-write so that the channel can serve the open that usually follows ({@link CreatedFiles}).
   */
  private static final Set<OpenOption> CREATE_NEW =
      Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);

  /** How many just-created files stay open for the open that usually follows, and how long. */
  private static final int CREATED_FILES_KEPT = 16;

  private static final Duration CREATED_FILES_AGE = Duration.ofSeconds(5);

  /**
   * A new object starts private when its final bits would give others access before its owner is
   * set ({@link #createsWithFinalMode}).
   */
  private static final FileAttribute<?>[] PRIVATE_FILE = {
    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
  };

  private static final FileAttribute<?>[] PRIVATE_DIRECTORY = {
    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
  };

  private static final FileAttribute<?>[] NO_ATTRIBUTES = {};

  /** In the order of their bits from 0400 down to 0001 (the enum's documented order). */
  private static final PosixFilePermission[] PERMISSION_BITS = PosixFilePermission.values();

  private final Path root;
  private final String description;
  private final Clock clock;
  private final boolean processIsRoot;
  private final LocalDriver.Ids ids;
  private final SecureDirectoryStream<Path> rootDir;
  private final FileStore store;
  private final long blockSize;
  private final boolean birthTimeKnown;
  private final BackendCapabilities capabilities;
  private final String attributeNames;
  private final String keyedAttributeNames;
  private final CreatedFiles created;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Ordering of Ferry's own namespace changes against checked-path calls; see the design note.
   * Shared: checked-path calls. Exclusive: symlink, link, rename.
   */
  private final ReentrantReadWriteLock namespace = new ReentrantReadWriteLock();

  /** Named injection point (DESIGN.md §5.11) between resolving a path and using it; tests only. */
  private volatile ResolvedHook resolvedHook = ResolvedHook.NONE;

  private LocalBackendExport(
      Path root,
      String description,
      Clock clock,
      boolean processIsRoot,
      LocalDriver.Ids ids,
      SecureDirectoryStream<Path> rootDir,
      FileStore store,
      long blockSize,
      boolean birthTimeKnown,
      Runnable onClose) {
    this.root = root;
    this.description = description;
    this.clock = clock;
    this.processIsRoot = processIsRoot;
    this.ids = ids;
    this.rootDir = rootDir;
    this.store = store;
    this.blockSize = blockSize;
    this.birthTimeKnown = birthTimeKnown;
    this.onClose = onClose;
    this.created = new CreatedFiles(CREATED_FILES_KEPT, CREATED_FILES_AGE, clock);
    this.attributeNames = UNIX_ATTRIBUTES + (birthTimeKnown ? ",creationTime" : "");
    this.keyedAttributeNames = attributeNames + ",fileKey";
    this.capabilities =
        new BackendCapabilities(
            true, // symlinks
            true, // hard links
            false, // special files: java.nio cannot mknod
            processIsRoot, // only root may give objects away (chown(2))
            true, // modes, setuid/setgid/sticky included
            true, // Linux file systems are case-sensitive (casefold directories aside)
            MAX_NAME_LENGTH,
            Long.MAX_VALUE);
  }

  /**
   * Opens the export rooted at the directory {@code dir}.
   *
   * @param dir a real path (no symbolic links) of an existing directory
   * @param description for {@link #describe()}
   * @param ids owner and group of the objects this process creates
   * @param onClose run once when the export closes
   */
  static LocalBackendExport open(
      Path dir,
      String description,
      Clock clock,
      boolean processIsRoot,
      LocalDriver.Ids ids,
      Runnable onClose)
      throws BackendException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    SecureDirectoryStream<Path> rootDir = null;
    try {
      Path real = dir.toRealPath();
      if (!real.equals(dir.toAbsolutePath())) {
        throw new BackendException(
            BackendStatus.INVALID_ARGUMENT,
            "export root " + dir + " is not a real path (it resolves to " + real + ")");
      }
      DirectoryStream<Path> stream = Files.newDirectoryStream(real);
      if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
        stream.close();
        throw new BackendException(
            BackendStatus.NOT_SUPPORTED,
            "export root "
                + real
                + ": this platform has no SecureDirectoryStream (openat), which the local driver"
                + " needs to keep symbolic links from leading out of an export");
      }
      rootDir = secure;
      FileStore store = Files.getFileStore(real);
      long blockSize = Math.max(1, store.getBlockSize());
      boolean birthTime = probeBirthTime(real);
      LOG.debug(
          "export {} opened: block size {}, birth time {}",
          description,
          blockSize,
          birthTime ? "kept" : "unknown");
      return new LocalBackendExport(
          real,
          description,
          clock,
          processIsRoot,
          ids,
          secure,
          store,
          blockSize,
          birthTime,
          onClose == null ? () -> {} : onClose);
    } catch (IOException | RuntimeException e) {
      if (rootDir != null) {
        closeQuietly(rootDir);
      }
      throw LocalErrors.map(e, "open export " + description);
    }
  }

  /** The export's root directory on the local file system. */
  Path root() {
    return root;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public BackendCapabilities capabilities() {
    return capabilities;
  }

  // ---------------------------------------------------------------------------------------------
  // Attributes

  @Override
  public FileAttributes getattr(String path) throws BackendException {
    List<String> c = BackendPaths.split(path);
    return withLock(namespace.readLock(), "getattr", path, () -> attributes(checked(c)));
  }

  @Override
  public FileAttributes setattr(String path, SetAttributes change) throws BackendException {
    List<String> c = BackendPaths.split(path);
    SetAttributes ch = requireChange(change, "setattr");
    return withLock(
        namespace.readLock(),
        "setattr",
        path,
        () -> {
          Path p = checked(c);
          apply(c, p, ch);
          return attributes(p);
        });
  }

  @Override
  public List<DirEntry> list(String dir) throws BackendException {
    List<String> c = BackendPaths.split(dir);
    return withLock(
        namespace.readLock(),
        "list",
        dir,
        () -> {
          // Names come from a descriptor walk; attributes from paths under the lock.
          Path base = lexical(c);
          try (Dir d = c.isEmpty() ? reopenRoot() : openDir(c, c.size())) {
            List<DirEntry> entries = new ArrayList<>();
            for (Path child : d.stream()) {
              String name = String.valueOf(child.getFileName());
              try {
                entries.add(new DirEntry(name, attributes(base.resolve(name))));
              } catch (NoSuchFileException gone) {
                if (name.indexOf('\uFFFD') >= 0) {
                  // bytes that are no UTF-8 decode to U+FFFD and name nothing when encoded back
                  LOG.warn(
                      "{}: list '{}': entry '{}' is not valid UTF-8 and cannot be served",
                      description,
                      dir,
                      name);
                } else {
                  // removed between readdir and lstat: it is no longer in the directory
                  LOG.trace("list {}: {} vanished while listing", dir, name);
                }
              }
            }
            return entries;
          }
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Creating objects

  @Override
  public FileAttributes create(String path, SetAttributes initial, boolean exclusive)
      throws BackendException {
    List<String> c = requireName(BackendPaths.split(path), "create");
    SetAttributes init = requireChange(initial, "create");
    return withLock(
        namespace.readLock(),
        "create",
        path,
        () -> {
          Path p = lexical(c);
          try (Dir parent = openDir(c, c.size() - 1)) {
            Path name = name(c);
            boolean finalMode = init.mode() != null && createsWithFinalMode(init);
            FileAttribute<?>[] attrs =
                init.mode() == null
                    ? NO_ATTRIBUTES
                    : finalMode ? creationMode(init.mode()) : PRIVATE_FILE;
            SeekableByteChannel channel;
            // Two attempts: a non-exclusive create races with a concurrent remove of the name.
            for (int attempt = 1; ; attempt++) {
              try {
                channel = parent.stream().newByteChannel(name, CREATE_NEW, attrs);
                break;
              } catch (FileAlreadyExistsException e) {
                if (exclusive) {
                  throw e;
                }
                BasicFileAttributes existing;
                try {
                  existing = relativeAttributes(parent, name);
                } catch (NoSuchFileException gone) {
                  if (attempt >= 2) {
                    throw gone;
                  }
                  continue;
                }
                if (!existing.isRegularFile()) {
                  // knfsd answers EEXIST for an UNCHECKED create over a non-regular file
                  throw new BackendException(
                      BackendStatus.EXISTS,
                      context("create", path) + ": exists and is not a regular file");
                }
                // an existing file is kept as it is, only the size is applied (BackendExport)
                if (init.size() != null) {
                  resize(parent, name, init.size());
                }
                return attributes(p);
              }
            }
            try {
              Map<String, Object> raw =
                  initialize(
                      c, p, parent, init, FileType.REGULAR, init.mode() == null || finalMode);
              if (channel instanceof FileChannel fc) {
                created.put(path, fc, raw.get("fileKey"));
                channel = null;
              }
              return toAttributes(raw);
            } finally {
              if (channel != null) {
                closeQuietly(channel);
              }
            }
          }
        });
  }

  @Override
  public FileAttributes mkdir(String path, SetAttributes initial) throws BackendException {
    List<String> c = requireName(BackendPaths.split(path), "mkdir");
    SetAttributes init = requireChange(initial, "mkdir").withSize(null);
    return withLock(
        namespace.readLock(),
        "mkdir",
        path,
        () -> {
          Path p = checked(c);
          boolean finalMode = init.mode() != null && createsWithFinalMode(init);
          Files.createDirectory(
              p,
              init.mode() == null
                  ? NO_ATTRIBUTES
                  : finalMode ? creationMode(init.mode()) : PRIVATE_DIRECTORY);
          return toAttributes(
              initialize(c, p, null, init, FileType.DIRECTORY, init.mode() == null || finalMode));
        });
  }

  @Override
  public FileAttributes symlink(String path, String target, SetAttributes initial)
      throws BackendException {
    List<String> c = requireName(BackendPaths.split(path), "symlink");
    SetAttributes init = requireChange(initial, "symlink").withMode(null).withSize(null);
    Path targetPath = symlinkTarget(path, target);
    return withLock(
        namespace.writeLock(),
        "symlink",
        path,
        () -> {
          Path p = checked(c);
          Files.createSymbolicLink(p, targetPath);
          return toAttributes(initialize(c, p, null, init, FileType.SYMLINK, true));
        });
  }

  @Override
  public String readlink(String path) throws BackendException {
    List<String> c = BackendPaths.split(path);
    return withLock(
        namespace.readLock(),
        "readlink",
        path,
        () -> {
          if (c.isEmpty()) {
            throw new BackendException(
                BackendStatus.INVALID_ARGUMENT, "readlink: the export root is no symbolic link");
          }
          return Files.readSymbolicLink(checked(c)).toString();
        });
  }

  @Override
  public FileAttributes link(String existing, String newPath) throws BackendException {
    List<String> from = requireName(BackendPaths.split(existing), "link");
    List<String> to = requireName(BackendPaths.split(newPath), "link");
    return withLock(
        namespace.writeLock(),
        "link",
        existing + "' to '" + newPath,
        () -> {
          Path source = checked(from);
          Path target = checked(to);
          if (attributes(source).isDirectory()) {
            // link(2) answers EPERM; knfsd and the SPI say "is a directory"
            throw new BackendException(
                BackendStatus.IS_DIRECTORY,
                context("link", existing) + ": hard links to directories are not allowed");
          }
          // link(2) does not follow a symbolic link in its final component on Linux
          Files.createLink(target, source);
          return attributes(target);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Removing and renaming: descriptor calls (unlinkat, renameat)

  @Override
  public void remove(String path) throws BackendException {
    List<String> c = requireName(BackendPaths.split(path), "remove");
    call(
        "remove",
        path,
        () -> {
          created.discard(path); // its space goes with the unlink, not with an eviction later
          try (Dir parent = openDir(c, c.size() - 1)) {
            // unlinkat(…, 0) answers EISDIR for a directory on Linux (unlink(2))
            parent.stream().deleteFile(name(c));
          }
          return null;
        });
  }

  @Override
  public void rmdir(String path) throws BackendException {
    List<String> c = requireName(BackendPaths.split(path), "rmdir");
    call(
        "rmdir",
        path,
        () -> {
          try (Dir parent = openDir(c, c.size() - 1)) {
            // unlinkat(…, AT_REMOVEDIR): ENOTDIR for a non-directory or a link, ENOTEMPTY
            parent.stream().deleteDirectory(name(c));
          }
          return null;
        });
  }

  @Override
  public void rename(String from, String to) throws BackendException {
    List<String> src = requireName(BackendPaths.split(from), "rename");
    List<String> dst = requireName(BackendPaths.split(to), "rename");
    try {
      withLock(
          namespace.writeLock(),
          "rename",
          from + "' to '" + to,
          () -> {
            // a kept channel would hold on to a replaced file; a moved one is no longer at its path
            created.discardTree(from);
            created.discardTree(to);
            boolean sameParent =
                src.subList(0, src.size() - 1).equals(dst.subList(0, dst.size() - 1));
            try (Dir source = openDir(src, src.size() - 1);
                Dir target = sameParent ? null : openDir(dst, dst.size() - 1)) {
              // renameat(2): POSIX replace rules (a file replaces a file, a directory an empty
              // directory), atomic, never following a link in either final component
              source.stream()
                  .move(name(src), (target == null ? source : target).stream(), name(dst));
            }
            return null;
          });
    } catch (BackendException e) {
      if (e.status() == BackendStatus.EXISTS) {
        // rename(2) may answer EEXIST instead of ENOTEMPTY for a non-empty target directory
        throw new BackendException(BackendStatus.NOT_EMPTY, e.getMessage(), e);
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // I/O

  @Override
  public BackendHandle open(String path, OpenMode mode) throws BackendException {
    List<String> c = BackendPaths.split(path);
    if (mode == null) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, context("open", path) + ": no mode");
    }
    if (c.isEmpty()) {
      throw new BackendException(
          BackendStatus.IS_DIRECTORY, context("open", path) + ": the export root is a directory");
    }
    CreatedFiles.Entry fresh = created.take(path);
    if (fresh != null) {
      LocalHandle reused = reuse(c, path, mode, fresh);
      if (reused != null) {
        return reused;
      }
    }
    return call(
        "open",
        path,
        () -> {
          try (Dir parent = openDir(c, c.size() - 1)) {
            Path name = name(c);
            // Check the type first: opening a FIFO would block, a device could act.
            BasicFileAttributes a = relativeAttributes(parent, name);
            requireRegular(a, "open", path);
            resolvedHook.resolved("open", path);
            SeekableByteChannel channel =
                parent.stream().newByteChannel(name, mode.canWrite() ? READ_WRITE : READ_ONLY);
            if (!(channel instanceof FileChannel fc)) {
              channel.close();
              throw new BackendException(
                  BackendStatus.NOT_SUPPORTED,
                  context("open", path) + ": java.nio gave no FileChannel for positional I/O");
            }
            return new LocalHandle(this, path, fc, mode, a.fileKey()).primed();
          }
        });
  }

  /**
   * A handle on the file {@link #create} has just made and kept open ({@link CreatedFiles}), if
   * {@code path}, checked as for getattr, names that same object (device and inode) now and the
   * process could open it so; otherwise {@code null}, the kept channel closed, and the caller opens
   * by a descriptor walk as always. The path check is the one every open makes anyway for the
   * handle's first attributes, so a reused open costs that check alone. (Being the same object, it
   * is inside the export however it was reached; a change of its mode or an immutable flag since
   * the create, which a fresh open(2) by root might refuse, is not seen.)
   */
  private LocalHandle reuse(List<String> c, String path, OpenMode mode, CreatedFiles.Entry fresh) {
    boolean used = false;
    try {
      Map<String, Object> raw =
          withLock(
              namespace.readLock(),
              "open",
              path,
              () -> {
                try {
                  return keyedAttributes(checked(c));
                } catch (NoSuchFileException gone) {
                  return null;
                }
              });
      if (raw == null
          || !Objects.equals(raw.get("fileKey"), fresh.fileKey())
          || ((Integer) raw.get("mode") & S_IFMT) != S_IFREG
          || !mayOpen(raw, mode)) {
        return null;
      }
      FileAttributes attrs = toAttributes(raw);
      used = true;
      return new LocalHandle(this, path, fresh.channel(), mode, fresh.fileKey()).primed(attrs);
    } catch (IOException | RuntimeException e) {
      LOG.trace("{}: kept channel of {} not used: {}", description, path, e.toString());
      return null;
    } finally {
      if (!used) {
        closeQuietly(fresh.channel());
      }
    }
  }

  /**
   * Whether open(2) would let this process open the regular file with {@code raw} for {@code mode}.
   */
  private boolean mayOpen(Map<String, Object> raw, OpenMode mode) {
    if (processIsRoot) {
      return true;
    }
    int needed = mode.canWrite() ? 0600 : 0400;
    return ids.known()
        && (Integer) raw.get("uid") == ids.uid()
        && ((Integer) raw.get("mode") & needed) == needed;
  }

  /**
   * Attributes for {@link LocalHandle#getattr()}: by path, if the path still names the object the
   * handle has open (same device and inode); otherwise {@code null}.
   */
  FileAttributes attributesIfSame(String path, Object fileKey) throws BackendException {
    List<String> c = BackendPaths.split(path);
    return withLock(
        namespace.readLock(),
        "getattr",
        path,
        () -> {
          try {
            Map<String, Object> raw = keyedAttributes(checked(c));
            return Objects.equals(raw.get("fileKey"), fileKey) ? toAttributes(raw) : null;
          } catch (NoSuchFileException | BackendException gone) {
            return null;
          }
        });
  }

  @Override
  public FsStats fsstat() throws BackendException {
    return call(
        "fsstat",
        "",
        () ->
            // java.nio exposes no f_files/f_ffree: file counts are 0, "unknown" (FsStats)
            new FsStats(
                store.getTotalSpace(),
                store.getUnallocatedSpace(),
                store.getUsableSpace(),
                0,
                0,
                0));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      created.close();
      closeQuietly(rootDir);
      onClose.run();
      LOG.debug("export {} closed", description);
    }
  }

  @Override
  public String toString() {
    return "LocalBackendExport[" + description + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // setattr pieces

  /**
   * Applies {@code change} to the existing object at {@code p}: owner first (chown(2) clears
   * setuid/setgid), then size, then mode, then times (a size change moves mtime).
   */
  private void apply(List<String> c, Path p, SetAttributes change)
      throws IOException, BackendException {
    if (change.isEmpty()) {
      return;
    }
    FileType type = attributes(p).type();
    if (change.uid() != null || change.gid() != null) {
      changeOwner(p, change.uid(), change.gid(), false);
    }
    if (change.size() != null) {
      if (type == FileType.DIRECTORY) {
        throw new BackendException(
            BackendStatus.IS_DIRECTORY,
            "setattr '" + BackendPaths.join(c) + "': size of a directory");
      }
      if (type != FileType.REGULAR) {
        throw new BackendException(
            BackendStatus.INVALID_ARGUMENT,
            "setattr '"
                + BackendPaths.join(c)
                + "': size applies to regular files only, not "
                + type);
      }
      try (Dir parent = openDir(c, c.size() - 1)) {
        resize(parent, name(c), change.size());
      }
    }
    if (change.mode() != null) {
      changeMode(null, c, p, type, change.mode());
    }
    if (change.atime() != null || change.mtime() != null) {
      changeTimes(p, type, change.atime(), change.mtime(), c);
    }
  }

  /**
   * Gives an object this call has just created its initial attributes, in as few calls as its
   * creation left necessary, and answers its attributes (unix view). If that fails, removes the
   * object again (best effort), so a failed create leaves nothing behind and a retried exclusive
   * create does not find its own half-made object.
   *
   * <p>An object created with its final permission bits ({@code checkFirst}; see {@link
   * #createsWithFinalMode}), or without requested ones, is stat-ed first and only what differs is
   * changed: no chown when the process already made the requested owner (Ferry running as root for
   * a root caller), no chmod when creation gave the requested mode (umask, a default ACL or
   * setuid/setgid/sticky bits may differ). An object created private gets the requested owner and
   * then its mode, as before, and is stat-ed once at the end.
   *
   * @param parent the open parent directory, or {@code null} (mode changes then go by path)
   * @param checkFirst whether to stat before changing anything
   */
  private Map<String, Object> initialize(
      List<String> c, Path p, Dir parent, SetAttributes init, FileType type, boolean checkFirst)
      throws IOException, BackendException {
    try {
      if (!checkFirst) {
        // created private (0600/0700): owner, size, mode, times, then one stat
        changeOwner(p, ids.createsOwner(init.uid()) ? null : init.uid(), init.gid(), true);
        if (init.size() != null) {
          resizeIn(parent, c, init.size());
        }
        if (init.mode() != null) {
          changeMode(parent, c, p, type, init.mode());
        }
        if (init.atime() != null || init.mtime() != null) {
          changeTimes(p, type, init.atime(), init.mtime(), c);
        }
        return keyedAttributes(p);
      }
      Map<String, Object> raw = keyedAttributes(p);
      if (init.isEmpty()) {
        return raw;
      }
      Integer uid = differing(init.uid(), (Integer) raw.get("uid"));
      Integer gid = differing(init.gid(), (Integer) raw.get("gid"));
      boolean ownerChanged = uid != null || gid != null;
      boolean changed = ownerChanged;
      if (ownerChanged) {
        changeOwner(p, uid, gid, true);
      }
      if (init.size() != null && init.size() != (long) (Long) raw.get("size")) {
        resizeIn(parent, c, init.size());
        changed = true;
      }
      // chown(2) may clear setuid/setgid: after an owner change the mode is always set
      if (init.mode() != null
          && (ownerChanged || init.mode() != ((Integer) raw.get("mode") & 07777))) {
        changeMode(parent, c, p, type, init.mode());
        changed = true;
      }
      if (init.atime() != null || init.mtime() != null) {
        changeTimes(p, type, init.atime(), init.mtime(), c);
        changed = true;
      }
      return changed ? keyedAttributes(p) : raw;
    } catch (IOException | RuntimeException e) {
      undoCreate(c, parent, type == FileType.DIRECTORY, e);
      throw e;
    }
  }

  /** {@code wanted} if it is given and differs from {@code current}, else {@code null}. */
  private static Integer differing(Integer wanted, Integer current) {
    return wanted != null && !wanted.equals(current) ? wanted : null;
  }

  /**
   * Whether a new object may be created with its requested permission bits at once rather than
   * private (0600/0700) until its owner is set: when the process creates it with the requested
   * owner and the bits give its group no more than everyone else. Its group may still change after
   * creation (a setgid directory gives its own group; chown fixes that), but until then nobody can
   * open it who could not open it in the end. Setuid/setgid/sticky bits are never given at creation
   * (java.nio's creation attributes hold 0777 only); a chmod after any owner change sets them.
   */
  private boolean createsWithFinalMode(SetAttributes init) {
    int mode = init.mode();
    int group = (mode >> 3) & 07;
    int other = mode & 07;
    return ids.createsOwner(init.uid()) && (group & ~other) == 0;
  }

  /** Removes the object a failing create call has just made, best effort. */
  private void undoCreate(List<String> c, Dir parent, boolean directory, Exception cause) {
    try (Dir walked = parent == null ? openDir(c, c.size() - 1) : null) {
      SecureDirectoryStream<Path> dir = (parent == null ? walked : parent).stream();
      if (directory) {
        dir.deleteDirectory(name(c));
      } else {
        dir.deleteFile(name(c));
      }
    } catch (IOException | RuntimeException undo) {
      cause.addSuppressed(undo);
      LOG.warn(
          "{}: '{}' was created but its initial attributes failed ({}), and removing it failed"
              + " too: {}",
          description,
          BackendPaths.join(c),
          cause.toString(),
          undo.toString());
    }
  }

  /**
   * Sets the owner and the group that are not {@code null}: one lchown(2) each (java.nio sets them
   * apart; the link itself, never its target).
   */
  private void changeOwner(Path p, Integer uid, Integer gid, boolean initial) throws IOException {
    try {
      if (uid != null) {
        Files.setAttribute(p, "unix:uid", uid, NOFOLLOW_LINKS);
      }
      if (gid != null) {
        Files.setAttribute(p, "unix:gid", gid, NOFOLLOW_LINKS);
      }
    } catch (IOException e) {
      if (initial && !processIsRoot && LocalErrors.statusOf(e) == BackendStatus.NOT_OWNER) {
        // Documented policy: without root, a new object keeps Ferry's owner (posixOwnership is
        // false in the capabilities); an explicit setattr of the owner still fails NOT_OWNER.
        LOG.debug("{}: owner of new object {} not changed: not root", description, p);
        return;
      }
      throw e;
    }
  }

  /**
   * Sets the mode of {@code c} (at {@code p}), whose type was just read under the namespace lock.
   *
   * <p>A regular file or directory whose new mode holds permission bits only (0777) is changed
   * relative to a directory descriptor, its open parent or else the export root: openat(O_NOFOLLOW)
   * + fchmod(2), so the final component is never followed even if another process has put a link
   * there since. Setuid/setgid/sticky bits (java.nio's descriptor-relative chmod takes 0777 only)
   * and a file the process may not open for reading go by path: {@code Files.setAttribute(p,
   * "unix:mode", NOFOLLOW_LINKS)}, which on JDK 22 and later opens without O_NOFOLLOW (since
   * JDK-8062795 it passes O_NOFOLLOW as open's mode argument), so there only the lstat under the
   * lock keeps a link out (the TOCTOU limit of the design note).
   *
   * @param parent the open parent directory, or {@code null}
   */
  private void changeMode(Dir parent, List<String> c, Path p, FileType type, int mode)
      throws IOException {
    switch (type) {
      case SYMLINK -> {
        // Linux keeps no mode on links (fchmodat(AT_SYMLINK_NOFOLLOW) is EOPNOTSUPP); knfsd
        // ignores mode changes on them (fs/nfsd/vfs.c nfsd_sanitize_attrs), so does Ferry.
      }
      case REGULAR, DIRECTORY -> {
        ResolvedHook hook = resolvedHook;
        if (hook != ResolvedHook.NONE) {
          hook.resolved("mode", BackendPaths.join(c));
        }
        if ((mode & ~0777) == 0) {
          try {
            relativeView(parent, c).setPermissions(permissions(mode));
            return;
          } catch (AccessDeniedException e) {
            // no read permission to open it by (not root): by path, which retries for writing
            LOG.trace("{}: chmod of {} by path: {}", description, p, e.toString());
          }
        }
        Files.setAttribute(p, "unix:mode", mode, NOFOLLOW_LINKS);
      }
      default ->
          // FIFOs, devices, sockets: opening them would block (a FIFO) or act; chmod(2) does not
          // open, and the lstat under the namespace lock showed this final component is no link.
          Files.setAttribute(p, "unix:mode", mode);
    }
  }

  /** The posix view of {@code c} relative to {@code parent}, or to the export root if null. */
  private PosixFileAttributeView relativeView(Dir parent, List<String> c) {
    if (parent != null) {
      return parent.stream()
          .getFileAttributeView(name(c), PosixFileAttributeView.class, NOFOLLOW_LINKS);
    }
    if (c.isEmpty()) {
      return rootDir.getFileAttributeView(PosixFileAttributeView.class); // fchmod of the root
    }
    // relative, so openat resolves it from the root descriptor; never absolute (BackendPaths)
    Path relative = root.getFileSystem().getPath(BackendPaths.join(c));
    return rootDir.getFileAttributeView(relative, PosixFileAttributeView.class, NOFOLLOW_LINKS);
  }

  private void changeTimes(
      Path p, FileType type, TimeChange atime, TimeChange mtime, List<String> c)
      throws IOException, BackendException {
    if (type == FileType.FIFO || type == FileType.CHAR_DEVICE || type == FileType.BLOCK_DEVICE) {
      throw new BackendException(
          BackendStatus.NOT_SUPPORTED,
          "setattr '"
              + BackendPaths.join(c)
              + "': java.nio opens the object to set its times, which would block on a FIFO or"
              + " act on a device");
    }
    Instant now = clock.instant();
    FileTime a = atime == null ? null : FileTime.from(atime.resolve(now));
    FileTime m = mtime == null ? null : FileTime.from(mtime.resolve(now));
    // open(O_NOFOLLOW)+futimens, or utimensat(AT_SYMLINK_NOFOLLOW) for a link: never followed
    Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW_LINKS)
        .setTimes(m, a, null);
  }

  /** Truncates or extends the regular file {@code c}, in {@code parent} if that is open. */
  private void resizeIn(Dir parent, List<String> c, long size)
      throws IOException, BackendException {
    if (parent != null) {
      resize(parent, name(c), size);
      return;
    }
    try (Dir walked = openDir(c, c.size() - 1)) {
      resize(walked, name(c), size);
    }
  }

  /** Truncates or extends the regular file {@code name} in {@code parent}. */
  private static void resize(Dir parent, Path name, long size)
      throws IOException, BackendException {
    BasicFileAttributes a = relativeAttributes(parent, name);
    if (!a.isRegularFile()) {
      throw new BackendException(
          a.isDirectory() ? BackendStatus.IS_DIRECTORY : BackendStatus.INVALID_ARGUMENT,
          "size applies to regular files only");
    }
    try (SeekableByteChannel ch = parent.stream().newByteChannel(name, WRITE_ONLY)) {
      long current = ch.size();
      if (size < current) {
        ch.truncate(size);
      } else if (size > current) {
        // FileChannel cannot ftruncate(2) upwards: writing one zero byte at the new end leaves a
        // hole before it (reads as zeros, POSIX write(2)) and allocates at most one block.
        ByteBuffer zero = ByteBuffer.allocate(1);
        ch.position(size - 1);
        while (zero.hasRemaining()) {
          ch.write(zero);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Resolution

  /**
   * The absolute path for {@code c}, after checking (lstat) that every intermediate component is a
   * real directory, not a link. Call under the namespace lock (see the design note).
   */
  private Path checked(List<String> c) throws IOException, BackendException {
    Path p = root;
    for (int i = 0; i < c.size() - 1; i++) {
      p = p.resolve(c.get(i));
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW_LINKS);
      requireTraversable(a, c, i);
    }
    Path resolved = c.isEmpty() ? root : p.resolve(c.get(c.size() - 1));
    ResolvedHook hook = resolvedHook;
    if (hook != ResolvedHook.NONE) {
      hook.resolved("checked", BackendPaths.join(c));
    }
    return resolved;
  }

  /** The absolute path for {@code c}, unchecked; for paths a descriptor walk has just checked. */
  private Path lexical(List<String> c) {
    return c.isEmpty() ? root : root.resolve(BackendPaths.join(c));
  }

  /**
   * Opens the directory {@code c[0..count)} by a descriptor walk from the root: fstatat, then
   * openat(O_NOFOLLOW), per component.
   */
  private Dir openDir(List<String> c, int count) throws IOException, BackendException {
    SecureDirectoryStream<Path> current = rootDir;
    boolean owned = false;
    try {
      for (int i = 0; i < count; i++) {
        Path name = root.getFileSystem().getPath(c.get(i));
        BasicFileAttributes a =
            current
                .getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS)
                .readAttributes();
        requireTraversable(a, c, i);
        SecureDirectoryStream<Path> next = current.newDirectoryStream(name, NOFOLLOW_LINKS);
        SecureDirectoryStream<Path> previous = current;
        boolean previousOwned = owned;
        current = next;
        owned = true;
        if (previousOwned) {
          previous.close();
        }
      }
      return new Dir(current, owned);
    } catch (IOException | RuntimeException e) {
      if (owned) {
        closeQuietly(current);
      }
      throw e;
    }
  }

  /** A fresh stream on the root, for listing it (the shared one may be iterated only once). */
  private Dir reopenRoot() throws IOException {
    return new Dir(
        rootDir.newDirectoryStream(root.getFileSystem().getPath("."), NOFOLLOW_LINKS), true);
  }

  private static BasicFileAttributes relativeAttributes(Dir parent, Path name) throws IOException {
    return parent.stream()
        .getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS)
        .readAttributes();
  }

  private static void requireTraversable(BasicFileAttributes a, List<String> c, int i)
      throws BackendException {
    if (a.isSymbolicLink()) {
      throw new BackendException(
          BackendStatus.SYMLINK_LOOP,
          "'"
              + BackendPaths.join(c.subList(0, i + 1))
              + "' is a symbolic link; links are never followed inside an export");
    }
    if (!a.isDirectory()) {
      throw new BackendException(
          BackendStatus.NOT_DIRECTORY,
          "'" + BackendPaths.join(c.subList(0, i + 1)) + "' is not a directory");
    }
  }

  private static void requireRegular(BasicFileAttributes a, String op, String path)
      throws BackendException {
    if (a.isRegularFile()) {
      return;
    }
    if (a.isDirectory()) {
      throw new BackendException(BackendStatus.IS_DIRECTORY, op + " '" + path + "': a directory");
    }
    if (a.isSymbolicLink()) {
      throw new BackendException(
          BackendStatus.SYMLINK_LOOP,
          op + " '" + path + "': a symbolic link, which is never followed");
    }
    throw new BackendException(
        BackendStatus.INVALID_ARGUMENT, op + " '" + path + "': not a regular file");
  }

  private Path name(List<String> c) {
    return root.getFileSystem().getPath(c.get(c.size() - 1));
  }

  private static List<String> requireName(List<String> c, String op) throws BackendException {
    if (c.isEmpty()) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          op + ": needs a name inside the export; the export root ('') has none");
    }
    return c;
  }

  private static SetAttributes requireChange(SetAttributes change, String op)
      throws BackendException {
    if (change == null) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          op + ": attributes must not be null (SetAttributes.NONE changes nothing)");
    }
    return change;
  }

  /** The permission bits (0777) of {@code mode}, as java.nio names them. */
  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < PERMISSION_BITS.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        set.add(PERMISSION_BITS[i]);
      }
    }
    return set;
  }

  /** Creation attributes giving the permission bits (0777) of {@code mode}, umask applied. */
  private static FileAttribute<?>[] creationMode(int mode) {
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions(mode))};
  }

  /** The target as java.nio will store it, refusing what it would not store verbatim. */
  private Path symlinkTarget(String path, String target) throws BackendException {
    if (target == null || target.isEmpty()) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          context("symlink", path) + ": the target must not be empty (symlink(2) ENOENT)");
    }
    if (target.indexOf('\0') >= 0) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, context("symlink", path) + ": the target holds NUL");
    }
    Path p;
    try {
      p = root.getFileSystem().getPath(target);
    } catch (RuntimeException e) {
      throw LocalErrors.map(e, context("symlink", path));
    }
    if (!p.toString().equals(target)) {
      throw new BackendException(
          BackendStatus.NOT_SUPPORTED,
          context("symlink", path)
              + ": target '"
              + target
              + "' cannot be stored verbatim: java.nio drops repeated and trailing '/'");
    }
    return p;
  }

  // ---------------------------------------------------------------------------------------------
  // Attributes from the unix view

  private FileAttributes attributes(Path p) throws IOException {
    return toAttributes(Files.readAttributes(p, attributeNames, NOFOLLOW_LINKS));
  }

  /** The attributes of {@code p} for {@link #toAttributes}, with its {@code fileKey}. */
  private Map<String, Object> keyedAttributes(Path p) throws IOException {
    return Files.readAttributes(p, keyedAttributeNames, NOFOLLOW_LINKS);
  }

  private FileAttributes toAttributes(Map<String, Object> m) throws IOException {
    int stMode = (Integer) m.get("mode");
    FileType type = typeOf(stMode);
    long size = (Long) m.get("size");
    long rdev = (Long) m.get("rdev");
    boolean hasDevice = type == FileType.BLOCK_DEVICE || type == FileType.CHAR_DEVICE;
    FileTime creation = birthTimeKnown ? (FileTime) m.get("creationTime") : null;
    return new FileAttributes(
        type,
        stMode & 07777,
        (Integer) m.get("nlink"),
        (Integer) m.get("uid"),
        (Integer) m.get("gid"),
        size,
        spaceUsed(type, size),
        hasDevice ? major(rdev) : 0,
        hasDevice ? minor(rdev) : 0,
        (Long) m.get("ino"),
        ((FileTime) m.get("lastAccessTime")).toInstant(),
        ((FileTime) m.get("lastModifiedTime")).toInstant(),
        ((FileTime) m.get("ctime")).toInstant(),
        creation == null ? null : creation.toInstant());
  }

  private long spaceUsed(FileType type, long size) {
    if (type != FileType.REGULAR && type != FileType.DIRECTORY) {
      return 0;
    }
    long blocks = size / blockSize + (size % blockSize == 0 ? 0 : 1);
    return blocks > Long.MAX_VALUE / blockSize ? size : blocks * blockSize;
  }

  static FileType typeOf(int stMode) throws IOException {
    return switch (stMode & S_IFMT) {
      case S_IFREG -> FileType.REGULAR;
      case S_IFDIR -> FileType.DIRECTORY;
      case S_IFLNK -> FileType.SYMLINK;
      case S_IFBLK -> FileType.BLOCK_DEVICE;
      case S_IFCHR -> FileType.CHAR_DEVICE;
      case S_IFIFO -> FileType.FIFO;
      case S_IFSOCK -> FileType.SOCKET;
      default ->
          throw new IOException("unknown file type in st_mode 0" + Integer.toOctalString(stMode));
    };
  }

  /** glibc {@code gnu_dev_major}: the Linux dev_t layout. */
  static int major(long dev) {
    return (int) (((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0x00000fffL));
  }

  /** glibc {@code gnu_dev_minor}. */
  static int minor(long dev) {
    return (int) (((dev >>> 12) & 0xffffff00L) | (dev & 0x000000ffL));
  }

  /**
   * Whether the file system of {@code dir} keeps birth times: true once {@code dir} or an ancestor
   * on the same file system has a creation time that differs from its modification time (java.nio
   * reports the modification time as creation time where there is none).
   */
  static boolean probeBirthTime(Path dir) {
    Object device = null;
    for (Path p = dir; p != null; p = p.getParent()) {
      try {
        Map<String, Object> m =
            Files.readAttributes(p, "unix:dev,lastModifiedTime,creationTime", NOFOLLOW_LINKS);
        if (device != null && !device.equals(m.get("dev"))) {
          return false;
        }
        device = m.get("dev");
        if (!m.get("creationTime").equals(m.get("lastModifiedTime"))) {
          return true;
        }
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Calling

  @FunctionalInterface
  private interface IoCall<T> {
    T run() throws IOException;
  }

  private <T> T call(String op, String path, IoCall<T> action) throws BackendException {
    if (closed.get()) {
      throw new BackendException(
          BackendStatus.UNAVAILABLE, context(op, path) + ": the export is closed");
    }
    try {
      return action.run();
    } catch (IOException | RuntimeException e) {
      throw LocalErrors.map(e, context(op, path));
    }
  }

  private <T> T withLock(Lock lock, String op, String path, IoCall<T> action)
      throws BackendException {
    lock.lock();
    try {
      return call(op, path, action);
    } finally {
      lock.unlock();
    }
  }

  private String context(String op, String path) {
    return op + " '" + path + "' on " + description;
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      LOG.debug("closing {} failed: {}", c, e.toString());
    }
  }

  /**
   * Runs {@code hook} after every resolution and before the call that uses it: after the lstat
   * checks of a checked path ({@code "checked"}, under the namespace lock), after the descriptor
   * walk of an open ({@code "open"}), and after the type check before a mode change ({@code
   * "mode"}). For tests that must change the tree at exactly that moment.
   */
  void onResolved(ResolvedHook hook) {
    resolvedHook = hook == null ? ResolvedHook.NONE : hook;
  }

  /** How many just-created files are kept open for a following open; for tests. */
  int createdFilesKept() {
    return created.size();
  }

  /** Whether a namespace change (symlink, link, rename) is waiting for the namespace lock. */
  boolean namespaceChangeWaiting() {
    return namespace.hasQueuedThreads();
  }

  /** See {@link #onResolved}. */
  @FunctionalInterface
  interface ResolvedHook {
    ResolvedHook NONE = (kind, path) -> {};

    void resolved(String kind, String path) throws IOException;
  }

  /** An open directory: the shared root stream, or one a call opened and closes. */
  private record Dir(SecureDirectoryStream<Path> stream, boolean owned) implements Closeable {
    @Override
    public void close() throws IOException {
      if (owned) {
        stream.close();
      }
    }
  }
}
