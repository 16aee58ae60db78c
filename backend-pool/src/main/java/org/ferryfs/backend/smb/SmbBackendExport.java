package org.ferryfs.backend.smb;

import static com.hierynomus.msdtyp.AccessMask.DELETE;
import static com.hierynomus.msdtyp.AccessMask.FILE_LIST_DIRECTORY;
import static com.hierynomus.msdtyp.AccessMask.FILE_READ_ATTRIBUTES;
import static com.hierynomus.msdtyp.AccessMask.FILE_WRITE_ATTRIBUTES;
import static com.hierynomus.msdtyp.AccessMask.FILE_WRITE_DATA;
import static com.hierynomus.mssmb2.SMB2CreateOptions.FILE_DIRECTORY_FILE;
import static com.hierynomus.mssmb2.SMB2CreateOptions.FILE_NON_DIRECTORY_FILE;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.msfscc.fileinformation.FileAllInformation;
import com.hierynomus.msfscc.fileinformation.FileBasicInformation;
import com.hierynomus.msfscc.fileinformation.FileDispositionInformation;
import com.hierynomus.msfscc.fileinformation.FileEndOfFileInformation;
import com.hierynomus.msfscc.fileinformation.FileIdFullDirectoryInformation;
import com.hierynomus.msfscc.fileinformation.ShareInfo;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2CreateOptions;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.share.DiskEntry;
import com.hierynomus.smbj.share.DiskShare;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ferryfs.backend.BackendCapabilities;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.DirEntry;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FsStats;
import org.ferryfs.backend.OpenMode;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.backend.ShareAccess;
import org.ferryfs.backend.TimeChange;

/**
 * One export: a directory inside an SMB share, addressed by SPI paths.
 *
 * <p>Design note. Every call opens what it needs on the backend's shared session ({@link
 * SmbConnector}), does its work through that open, and closes it: SMB has no path-based calls. A
 * call costs CREATE + the work + CLOSE round trips; getattr is CREATE + QUERY_INFO + CLOSE. Opens
 * for attributes only ask for FILE_READ_ATTRIBUTES, which no share mode of another client blocks.
 *
 * <p>What SMB semantics needed adapting to the POSIX-style SPI:
 *
 * <ul>
 *   <li>rename: SMB renames replace only files; replacing an empty directory (rename(2) allows it)
 *       removes the target first, then renames: not atomic, a crash between leaves the target gone.
 *       The type checks of rename(2) (EISDIR, ENOTDIR, ENOTEMPTY, EINVAL for a directory into
 *       itself) are made before the rename;
 *   <li>remove of a file with FILE_ATTRIBUTE_READONLY (a mode without the owner-write bit) clears
 *       the attribute first, as unlink(2) ignores the file's permissions;
 *   <li>remove of a file other clients hold open follows the server: Samba unlinks it when the last
 *       handle closes (delete pending meanwhile, which reads as NOT_FOUND);
 *   <li>a missing or non-directory parent: servers answer OBJECT_PATH_NOT_FOUND for both, so the
 *       driver then looks at the parents to tell NOT_FOUND from NOT_DIRECTORY.
 * </ul>
 *
 * <p>Containment: paths are checked by {@link SmbNames} (SPI rules, plus names SMB cannot carry);
 * the export root is a fixed prefix of every SMB path. smbj resolves a symbolic-link reparse point
 * that a server reports while opening (STATUS_STOPPED_ON_SYMLINK) on the client side; every open
 * here checks that the opened path is the one asked for, and otherwise closes it and fails with
 * {@link BackendStatus#SYMLINK_LOOP}. Samba without the SMB3 POSIX extensions follows symbolic
 * links on the server inside the share (never outside it with its default {@code wide links = no});
 * such links are invisible to any SMB client, Ferry included.
 */
final class SmbBackendExport implements BackendExport {

  private static final BackendCapabilities CAPABILITIES =
      new BackendCapabilities(false, false, false, false, false, false, 255, Long.MAX_VALUE);

  private static final Set<SMB2ShareAccess> SHARE_ALL = SMB2ShareAccess.ALL;

  private final SmbBackend backend;
  private final List<String> root;
  private final String description;
  private final Clock clock;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Runnable onClose;

  SmbBackendExport(
      SmbBackend backend, List<String> root, String description, Clock clock, Runnable onClose) {
    this.backend = backend;
    this.root = List.copyOf(root);
    this.description = description;
    this.clock = clock;
    this.onClose = onClose;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public BackendCapabilities capabilities() {
    return CAPABILITIES;
  }

  // ---------------------------------------------------------------------------------------------
  // attributes

  @Override
  public FileAttributes getattr(String path) throws BackendException {
    List<String> parts = SmbNames.split(path);
    return call(
        "getattr",
        path,
        parts,
        share -> {
          try (DiskEntry e =
              open(
                  share,
                  parts,
                  EnumSet.of(FILE_READ_ATTRIBUTES),
                  SMB2CreateDisposition.FILE_OPEN,
                  null)) {
            return SmbAttributes.of(e.getFileInformation(FileAllInformation.class));
          }
        });
  }

  @Override
  public FileAttributes setattr(String path, SetAttributes change) throws BackendException {
    List<String> parts = SmbNames.split(path);
    if (change.isEmpty()) {
      return getattr(path);
    }
    checkOwner(path, change);
    Set<AccessMask> access = EnumSet.of(FILE_READ_ATTRIBUTES, FILE_WRITE_ATTRIBUTES);
    if (change.size() != null) {
      access.add(FILE_WRITE_DATA);
    }
    return call(
        "setattr",
        path,
        parts,
        share -> {
          try (DiskEntry e = open(share, parts, access, SMB2CreateDisposition.FILE_OPEN, null)) {
            FileAllInformation before = e.getFileInformation(FileAllInformation.class);
            boolean dir = before.getStandardInformation().isDirectory();
            if (dir && change.size() != null) {
              throw new BackendException(
                  BackendStatus.IS_DIRECTORY,
                  "setattr '" + path + "' on " + description + ": a directory has no size to set");
            }
            apply(e, change, before.getBasicInformation().getFileAttributes(), dir);
            return SmbAttributes.of(e.getFileInformation(FileAllInformation.class));
          }
        });
  }

  /** Owners: SMB carries SIDs, Ferry reports 0; only "change to 0" is accepted (a no-op). */
  private void checkOwner(String path, SetAttributes change) throws BackendException {
    if ((change.uid() != null && change.uid() != 0)
        || (change.gid() != null && change.gid() != 0)) {
      throw new BackendException(
          BackendStatus.NOT_SUPPORTED,
          "setattr '" + path + "' on " + description + ": an SMB backend stores no POSIX owners");
    }
  }

  /** Applies size, times and (best effort) the read-only bit of a mode through {@code e}. */
  private void apply(DiskEntry e, SetAttributes change, long attrs, boolean dir) {
    if (change.size() != null) {
      e.setFileInformation(new FileEndOfFileInformation(change.size()));
    }
    long newAttrs = 0; // 0: leave unchanged
    if (change.mode() != null && !dir) {
      long wanted = SmbAttributes.withMode(attrs, change.mode());
      if (wanted != attrs) {
        newAttrs = wanted;
      }
    }
    if (change.atime() != null || change.mtime() != null || newAttrs != 0) {
      Instant now = clock.instant();
      e.setFileInformation(
          new FileBasicInformation(
              FileBasicInformation.DONT_SET,
              time(change.atime(), now),
              time(change.mtime(), now),
              FileBasicInformation.DONT_SET,
              newAttrs));
    }
  }

  private static com.hierynomus.msdtyp.FileTime time(TimeChange t, Instant now) {
    return t == null ? FileBasicInformation.DONT_SET : SmbAttributes.fileTime(t.resolve(now));
  }

  // ---------------------------------------------------------------------------------------------
  // directories

  @Override
  public List<DirEntry> list(String dir) throws BackendException {
    List<String> parts = SmbNames.split(dir);
    return call(
        "list",
        dir,
        parts,
        share -> {
          try (DiskEntry d =
              open(
                  share,
                  parts,
                  EnumSet.of(FILE_LIST_DIRECTORY, FILE_READ_ATTRIBUTES),
                  SMB2CreateDisposition.FILE_OPEN,
                  EnumSet.of(FILE_DIRECTORY_FILE))) {
            if (!(d instanceof com.hierynomus.smbj.share.Directory directory)) {
              throw new BackendException(
                  BackendStatus.NOT_DIRECTORY, "list '" + dir + "': not a directory");
            }
            List<FileIdFullDirectoryInformation> raw =
                directory.list(FileIdFullDirectoryInformation.class);
            List<DirEntry> out = new ArrayList<>(raw.size());
            for (FileIdFullDirectoryInformation i : raw) {
              String name = i.getFileName();
              if (name.equals(".") || name.equals("..")) {
                continue;
              }
              out.add(new DirEntry(name, SmbAttributes.of(i)));
            }
            return out;
          }
        });
  }

  @Override
  public FileAttributes mkdir(String path, SetAttributes initial) throws BackendException {
    List<String> parts = nonRoot("mkdir", path);
    return call(
        "mkdir",
        path,
        parts,
        share -> {
          try (DiskEntry d =
              open(
                  share,
                  parts,
                  EnumSet.of(FILE_LIST_DIRECTORY, FILE_READ_ATTRIBUTES, FILE_WRITE_ATTRIBUTES),
                  SMB2CreateDisposition.FILE_CREATE,
                  EnumSet.of(FILE_DIRECTORY_FILE))) {
            SetAttributes times = SetAttributes.NONE.withTimes(initial.atime(), initial.mtime());
            if (!times.isEmpty()) {
              apply(d, times, 0, true);
            }
            return SmbAttributes.of(d.getFileInformation(FileAllInformation.class));
          }
        });
  }

  @Override
  public void rmdir(String path) throws BackendException {
    List<String> parts = nonRoot("rmdir", path);
    call(
        "rmdir",
        path,
        parts,
        share -> {
          try (DiskEntry d =
              open(
                  share,
                  parts,
                  EnumSet.of(DELETE, FILE_READ_ATTRIBUTES),
                  SMB2CreateDisposition.FILE_OPEN,
                  EnumSet.of(FILE_DIRECTORY_FILE))) {
            d.setFileInformation(new FileDispositionInformation(true));
          }
          return null;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // files

  @Override
  public FileAttributes create(String path, SetAttributes initial, boolean exclusive)
      throws BackendException {
    List<String> parts = nonRoot("create", path);
    return call(
        "create",
        path,
        parts,
        share -> {
          // initial mode and owner are not applied: SMB stores neither (a read-only mode would
          // also make the file unwritable for the open that usually follows a create)
          SetAttributes rest =
              new SetAttributes(null, null, null, initial.size(), initial.atime(), initial.mtime());
          for (int attempt = 0; ; attempt++) {
            DiskEntry created = null;
            try {
              created =
                  open(
                      share,
                      parts,
                      EnumSet.of(
                          FILE_READ_ATTRIBUTES, FILE_WRITE_ATTRIBUTES, FILE_WRITE_DATA, DELETE),
                      SMB2CreateDisposition.FILE_CREATE,
                      EnumSet.of(FILE_NON_DIRECTORY_FILE));
            } catch (RuntimeException e) {
              long code = SmbErrors.code(e);
              if (code == SmbErrors.FILE_IS_A_DIRECTORY && exclusive) {
                throw new BackendException(
                    BackendStatus.EXISTS,
                    "create '" + path + "' on " + description + ": a directory has that name",
                    e);
              }
              if (code != SmbErrors.OBJECT_NAME_COLLISION || exclusive) {
                throw e;
              }
            }
            if (created != null) {
              try (DiskEntry e = created) {
                try {
                  apply(e, rest, 0, false);
                  return SmbAttributes.of(e.getFileInformation(FileAllInformation.class));
                } catch (RuntimeException failed) {
                  // leave nothing behind that this call made
                  try {
                    e.setFileInformation(new FileDispositionInformation(true));
                  } catch (RuntimeException ignored) {
                    failed.addSuppressed(ignored);
                  }
                  throw failed;
                }
              }
            }
            // the name exists: keep the file as it is, applying only the size (and times)
            Set<AccessMask> access = EnumSet.of(FILE_READ_ATTRIBUTES);
            if (rest.size() != null) {
              access.add(FILE_WRITE_DATA);
            }
            if (rest.atime() != null || rest.mtime() != null) {
              access.add(FILE_WRITE_ATTRIBUTES);
            }
            try (DiskEntry e =
                open(
                    share,
                    parts,
                    access,
                    SMB2CreateDisposition.FILE_OPEN,
                    EnumSet.of(FILE_NON_DIRECTORY_FILE))) {
              apply(e, rest, 0, false);
              return SmbAttributes.of(e.getFileInformation(FileAllInformation.class));
            } catch (RuntimeException e) {
              if (SmbErrors.statusOf(e) != BackendStatus.NOT_FOUND || attempt >= 3) {
                throw e;
              }
              // removed between the two opens: try creating it again
            }
          }
        });
  }

  @Override
  public void remove(String path) throws BackendException {
    List<String> parts = nonRoot("remove", path);
    call(
        "remove",
        path,
        parts,
        share -> {
          try (DiskEntry e =
              open(
                  share,
                  parts,
                  EnumSet.of(DELETE, FILE_READ_ATTRIBUTES, FILE_WRITE_ATTRIBUTES),
                  SMB2CreateDisposition.FILE_OPEN,
                  EnumSet.of(FILE_NON_DIRECTORY_FILE))) {
            try {
              e.setFileInformation(new FileDispositionInformation(true));
            } catch (RuntimeException ex) {
              if (SmbErrors.code(ex) != SmbErrors.CANNOT_DELETE) {
                throw ex;
              }
              // read-only attribute: unlink(2) ignores the file's own permissions
              long attrs = e.getFileInformation(FileBasicInformation.class).getFileAttributes();
              e.setFileInformation(
                  new FileBasicInformation(
                      FileBasicInformation.DONT_SET,
                      FileBasicInformation.DONT_SET,
                      FileBasicInformation.DONT_SET,
                      FileBasicInformation.DONT_SET,
                      SmbAttributes.writable(attrs)));
              e.setFileInformation(new FileDispositionInformation(true));
            }
          }
          return null;
        });
  }

  @Override
  public void rename(String from, String to) throws BackendException {
    List<String> src = nonRoot("rename", from);
    List<String> dst = nonRoot("rename", to);
    String context = "rename '" + from + "' to '" + to + "' on " + description;
    if (dst.size() > src.size() && dst.subList(0, src.size()).equals(src)) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, context + ": a directory cannot move into itself");
    }
    call(
        "rename",
        from,
        src,
        share -> {
          try (DiskEntry e =
              open(
                  share,
                  src,
                  EnumSet.of(DELETE, FILE_READ_ATTRIBUTES),
                  SMB2CreateDisposition.FILE_OPEN,
                  null)) {
            FileAllInformation srcInfo = e.getFileInformation(FileAllInformation.class);
            boolean srcDir = srcInfo.getStandardInformation().isDirectory();
            FileAttributes target = targetOf(to, dst);
            if (target != null) {
              if (target.fileId() == srcInfo.getInternalInformation().getIndexNumber()) {
                return null; // the same object (or the same name): rename(2) does nothing
              }
              if (target.isDirectory() && !srcDir) {
                throw new BackendException(
                    BackendStatus.IS_DIRECTORY, context + ": the target is a directory");
              }
              if (!target.isDirectory() && srcDir) {
                throw new BackendException(
                    BackendStatus.NOT_DIRECTORY, context + ": the target is not a directory");
              }
              if (target.isDirectory()) {
                // SMB never replaces a directory: remove the empty target first (not atomic)
                rmdir(to);
              }
            }
            e.rename(SmbNames.join(root, dst), true);
          }
          return null;
        });
  }

  /** The attributes of the rename target, {@code null} if it does not exist. */
  private FileAttributes targetOf(String to, List<String> dst) throws BackendException {
    try {
      return getattr(to);
    } catch (BackendException e) {
      if (e.status() == BackendStatus.NOT_FOUND) {
        // missing (or its directory is): the rename itself reports a missing directory
        return null;
      }
      throw e;
    }
  }

  @Override
  public BackendHandle open(String path, OpenMode mode) throws BackendException {
    return open(path, mode, ShareAccess.all());
  }

  @Override
  public BackendHandle open(String path, OpenMode mode, Set<ShareAccess> shareAccess)
      throws BackendException {
    List<String> parts = nonRoot("open", path);
    Set<SMB2ShareAccess> share = EnumSet.noneOf(SMB2ShareAccess.class);
    for (ShareAccess s : shareAccess) {
      share.add(
          switch (s) {
            case READ -> SMB2ShareAccess.FILE_SHARE_READ;
            case WRITE -> SMB2ShareAccess.FILE_SHARE_WRITE;
            case DELETE -> SMB2ShareAccess.FILE_SHARE_DELETE;
          });
    }
    Set<AccessMask> access =
        mode.canWrite()
            ? EnumSet.of(
                AccessMask.FILE_READ_DATA,
                FILE_READ_ATTRIBUTES,
                FILE_WRITE_DATA,
                AccessMask.FILE_APPEND_DATA,
                FILE_WRITE_ATTRIBUTES)
            : EnumSet.of(AccessMask.FILE_READ_DATA, FILE_READ_ATTRIBUTES);
    SmbHandle.Opener opener =
        (live) -> {
          DiskEntry e =
              open(
                  live.share(),
                  parts,
                  access,
                  SMB2CreateDisposition.FILE_OPEN,
                  EnumSet.of(FILE_NON_DIRECTORY_FILE),
                  share);
          if (!(e instanceof com.hierynomus.smbj.share.File f)) {
            e.closeSilently();
            throw new BackendException(
                BackendStatus.IS_DIRECTORY, "open '" + path + "': is a directory");
          }
          return f;
        };
    return call(
        "open",
        path,
        parts,
        live ->
            new SmbHandle(backend, "'" + path + "' on " + description, mode, opener, live, clock),
        true);
  }

  @Override
  public FsStats fsstat() throws BackendException {
    return call(
        "fsstat",
        "",
        List.of(),
        share -> {
          ShareInfo i = share.getShareInformation();
          long total = Math.max(0, i.getTotalSpace());
          long free = Math.min(total, Math.max(0, i.getFreeSpace()));
          long available = Math.min(free, Math.max(0, i.getCallerFreeSpace()));
          return new FsStats(total, free, available, 0, 0, 0);
        });
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }

  @Override
  public String toString() {
    return "SmbBackendExport[" + description + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // plumbing

  /** Work done on the backend's share. */
  @FunctionalInterface
  interface ShareCall<T> {
    T run(DiskShare share) throws BackendException;
  }

  private <T> T call(String op, String path, List<String> parts, ShareCall<T> work)
      throws BackendException {
    return call(op, path, parts, live -> work.run(live.share()), true);
  }

  private <T> T call(
      String op, String path, List<String> parts, SmbBackend.LiveCall<T> work, boolean refine)
      throws BackendException {
    if (closed.get()) {
      throw new BackendException(
          BackendStatus.UNAVAILABLE, op + " '" + path + "': export " + description + " is closed");
    }
    try {
      return backend.call(op + " '" + path + "' on " + description, work);
    } catch (BackendException e) {
      if (refine && parts.size() > 1 && e.status() == BackendStatus.NOT_FOUND) {
        throw refineNotFound(e, parts);
      }
      throw e;
    }
  }

  /**
   * Servers answer OBJECT_PATH_NOT_FOUND both for a missing directory on the way and for one that
   * is a file; rename(2)-style callers need ENOTDIR for the latter, so look at the parents.
   */
  private BackendException refineNotFound(BackendException e, List<String> parts) {
    for (int i = 1; i < parts.size(); i++) {
      List<String> prefix = parts.subList(0, i);
      FileAttributes a;
      try {
        a = getattr(String.join("/", prefix));
      } catch (BackendException ignored) {
        return e;
      }
      if (!a.isDirectory()) {
        return new BackendException(
            BackendStatus.NOT_DIRECTORY,
            e.getMessage() + " ('" + String.join("/", prefix) + "' is not a directory)",
            e);
      }
    }
    return e;
  }

  private static List<String> nonRoot(String op, String path) throws BackendException {
    List<String> parts = SmbNames.split(path);
    if (parts.isEmpty()) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, op + ": not applicable to the export root");
    }
    return parts;
  }

  private DiskEntry open(
      DiskShare share,
      List<String> parts,
      Set<AccessMask> access,
      SMB2CreateDisposition disposition,
      Set<SMB2CreateOptions> options)
      throws BackendException {
    return open(share, parts, access, disposition, options, SHARE_ALL);
  }

  /**
   * Opens {@code parts} below the export root, and makes sure smbj opened exactly that path (it
   * follows symbolic-link reparse points the server reports; see the class note).
   */
  private DiskEntry open(
      DiskShare share,
      List<String> parts,
      Set<AccessMask> access,
      SMB2CreateDisposition disposition,
      Set<SMB2CreateOptions> options,
      Set<SMB2ShareAccess> shareAccess)
      throws BackendException {
    String smbPath = SmbNames.join(root, parts);
    Set<com.hierynomus.msfscc.FileAttributes> attrs =
        options != null && options.contains(FILE_DIRECTORY_FILE)
            ? EnumSet.of(com.hierynomus.msfscc.FileAttributes.FILE_ATTRIBUTE_DIRECTORY)
            : EnumSet.of(com.hierynomus.msfscc.FileAttributes.FILE_ATTRIBUTE_NORMAL);
    DiskEntry e = share.open(smbPath, access, attrs, shareAccess, disposition, options);
    if (e.getDiskShare() != share || !samePath(e.getPath(), smbPath)) {
      e.closeSilently();
      throw new BackendException(
          BackendStatus.SYMLINK_LOOP,
          "'"
              + String.join("/", parts)
              + "' on "
              + description
              + " leads through a symbolic link, which Ferry never follows");
    }
    return e;
  }

  private static boolean samePath(String opened, String asked) {
    String a = opened == null ? "" : opened.replace('/', '\\');
    while (a.startsWith("\\")) {
      a = a.substring(1);
    }
    return a.toLowerCase(Locale.ROOT).equals(asked.toLowerCase(Locale.ROOT));
  }
}
