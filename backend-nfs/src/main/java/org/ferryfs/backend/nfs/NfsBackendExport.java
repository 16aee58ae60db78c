package org.ferryfs.backend.nfs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
import org.ferryfs.nfs.client.Nfs3Client;
import org.ferryfs.nfs.client.Nfs3Exception;
import org.ferryfs.nfs.v3.xdr.CREATE3res;
import org.ferryfs.nfs.v3.xdr.Createhow3;
import org.ferryfs.nfs.v3.xdr.Entry3;
import org.ferryfs.nfs.v3.xdr.Entryplus3;
import org.ferryfs.nfs.v3.xdr.FSSTAT3res;
import org.ferryfs.nfs.v3.xdr.Fattr3;
import org.ferryfs.nfs.v3.xdr.Ftype3;
import org.ferryfs.nfs.v3.xdr.LINK3res;
import org.ferryfs.nfs.v3.xdr.LOOKUP3res;
import org.ferryfs.nfs.v3.xdr.MKDIR3res;
import org.ferryfs.nfs.v3.xdr.MKNOD3res;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.Nfstime3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;
import org.ferryfs.nfs.v3.xdr.PostOpFh3;
import org.ferryfs.nfs.v3.xdr.READDIR3res;
import org.ferryfs.nfs.v3.xdr.READDIRPLUS3res;
import org.ferryfs.nfs.v3.xdr.SETATTR3res;
import org.ferryfs.nfs.v3.xdr.SYMLINK3res;
import org.ferryfs.nfs.v3.xdr.Sattr3;
import org.ferryfs.nfs.v3.xdr.SetTime3;
import org.ferryfs.nfs.v3.xdr.Specdata3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Ferry export on an NFSv3 server: the path-based SPI over the handle-based protocol (RFC
 * 1813).
 *
 * <p><b>Design note.</b> A path is resolved by LOOKUP (§3.3.3), one component at a time, from the
 * export's root handle. NFSv3 LOOKUP never follows a symbolic link: a link met in an intermediate
 * component answers NFS3ERR_NOTDIR or is seen as type NF3LNK here, so no path can leave the export
 * through a link, and {@code ..} never reaches the server ({@link BackendPaths} refuses it).
 *
 * <p>Handles of <em>directories</em> are cached (path → handle, bounded, {@value #CACHE_SIZE}
 * entries, each for at most {@link #CACHE_TTL}); the last component is looked up on every call, so
 * its attributes are always fresh. Ferry's own rename, rmdir and remove drop the cached entries of
 * the path and its subtree, and bump a generation counter so that a lookup racing with them does
 * not put an old handle back. A change another client of the server makes (a directory renamed
 * there) is seen after at most {@link #CACHE_TTL}, like an NFS client's attribute cache.
 *
 * <p><b>Stale handles.</b> When the server answers NFS3ERR_STALE or NFS3ERR_BADHANDLE (the object
 * behind a cached handle was replaced, or the server restarted with new handles), the call drops
 * every cached handle, checks the root handle (MNT again if the root itself is stale), and is run
 * once more, from the path. A second stale answer is reported as {@link BackendStatus#STALE}.
 *
 * <p><b>Create.</b> An exclusive create is CREATE GUARDED (§3.3.8) with mode and owner; size and
 * times follow in a SETATTR, and if that fails the new file is removed again. EXCLUSIVE mode is not
 * used: the SPI has no retransmission to detect, and GUARDED carries the attributes.
 *
 * <p><b>Timeouts.</b> Each RPC is bounded by the backend's call timeout; an SPI call made of
 * several RPCs stops at the first one that times out.
 */
final class NfsBackendExport implements BackendExport {
  private static final Logger LOG = LoggerFactory.getLogger(NfsBackendExport.class);

  static final int CACHE_SIZE = 10_000;
  static final Duration CACHE_TTL = Duration.ofSeconds(5);

  /** READDIRPLUS dircount and maxcount (RFC 1813 §3.3.17); the server may answer with less. */
  private static final int DIRCOUNT = 64 * 1024;

  private static final int MAXCOUNT = 1 << 20;

  private final NfsBackend backend;
  private final Nfs3Client nfs;
  private final List<String> exportPath;
  private final String description;
  private final Runnable onClose;
  private final Cache<String, NfsFh3> dirs =
      Caffeine.newBuilder().maximumSize(CACHE_SIZE).expireAfterWrite(CACHE_TTL).build();
  private final AtomicLong generation = new AtomicLong();

  /** The backend's {@link NfsBackend#files()}: shared by all its exports. */
  private final ConcurrentHashMap<NfsFh3, NfsFileIo> files;

  private volatile NfsFh3 root;
  private volatile boolean readdirplus = true;

  NfsBackendExport(
      NfsBackend backend,
      List<String> exportPath,
      NfsFh3 root,
      String description,
      Runnable onClose) {
    this.backend = backend;
    this.nfs = backend.nfs();
    this.files = backend.files();
    this.exportPath = List.copyOf(exportPath);
    this.root = root;
    this.description = description;
    this.onClose = onClose;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public BackendCapabilities capabilities() {
    return backend.capabilities();
  }

  // ---------------------------------------------------------------------------------------------
  // The retry frame

  /** One attempt of an operation; may throw the client library's exceptions. */
  interface Attempt<T> {
    T run() throws IOException;
  }

  /** Runs {@code attempt}; after a stale handle, once more from the path (see the class note). */
  <T> T run(String op, String path, Attempt<T> attempt) throws BackendException {
    String context = op + " '" + path + "' on " + description;
    try {
      return attempt.run();
    } catch (IOException e) {
      BackendException mapped = NfsErrors.map(e, context);
      if (mapped.status() != BackendStatus.STALE) {
        throw mapped;
      }
      LOG.debug("{}: stale handle, resolving again from the root: {}", context, e.toString());
      recoverFromStale();
      try {
        return attempt.run();
      } catch (IOException again) {
        throw NfsErrors.map(again, context);
      }
    }
  }

  /** Drops every cached handle; makes sure the root handle is good. */
  private void recoverFromStale() throws BackendException {
    forgetAll();
    try {
      nfs.getattr(root);
    } catch (Nfs3Exception e) {
      if (NfsErrors.status(e.status()) != BackendStatus.STALE) {
        throw NfsErrors.map(e, "root of " + description);
      }
      root = backend.resolveExport(exportPath, false, true);
    } catch (IOException e) {
      throw NfsErrors.map(e, "root of " + description);
    }
  }

  private void forgetAll() {
    generation.incrementAndGet();
    dirs.invalidateAll();
  }

  /** Drops the cached handles of {@code path} and everything below it. */
  private void forget(String path) {
    generation.incrementAndGet();
    if (path.isEmpty()) {
      dirs.invalidateAll();
      return;
    }
    String prefix = path + "/";
    dirs.asMap().keySet().removeIf(k -> k.equals(path) || k.startsWith(prefix));
    generation.incrementAndGet();
  }

  // ---------------------------------------------------------------------------------------------
  // Resolution

  /** A backend object: its handle and attributes. */
  record Obj(NfsFh3 fh, Fattr3 attributes) {
    FileType type() {
      return NfsAttributes.type(attributes.type());
    }
  }

  /** The handle of the directory named by the first {@code n} components. */
  private NfsFh3 dirHandle(List<String> c, int n) throws IOException {
    if (n == 0) {
      return root;
    }
    String key = BackendPaths.join(c.subList(0, n));
    NfsFh3 cached = dirs.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    long gen = generation.get();
    Obj o = lookup(dirHandle(c, n - 1), c.get(n - 1));
    requireDirectory(o, key);
    if (generation.get() == gen) {
      dirs.put(key, o.fh());
      if (generation.get() != gen) {
        dirs.invalidate(key); // an invalidation raced with the put
      }
    }
    return o.fh();
  }

  private void requireDirectory(Obj o, String path) throws BackendException {
    if (o.attributes().type() == Ftype3.NF3LNK) {
      throw new BackendException(
          BackendStatus.SYMLINK_LOOP,
          "'" + path + "' on " + description + " is a symbolic link, which is never followed");
    }
    if (o.attributes().type() != Ftype3.NF3DIR) {
      throw new BackendException(
          BackendStatus.NOT_DIRECTORY, "'" + path + "' on " + description + " is no directory");
    }
  }

  private Obj lookup(NfsFh3 dir, String name) throws IOException {
    LOOKUP3res r = nfs.lookup(dir, name);
    return new Obj(r.object(), orGetattr(r.objAttributes(), r.object()));
  }

  /** The entry {@code name} of {@code dir}, or {@code null} if there is none. */
  private Obj lookupIfExists(NfsFh3 dir, String name) throws IOException {
    try {
      return lookup(dir, name);
    } catch (Nfs3Exception e) {
      if (e.status() == Nfsstat3.NFS3ERR_NOENT) {
        return null;
      }
      throw e;
    }
  }

  /** The object at {@code c} (the root for no components). */
  private Obj leaf(List<String> c) throws IOException {
    if (c.isEmpty()) {
      NfsFh3 r = root;
      return new Obj(r, nfs.getattr(r));
    }
    return lookup(dirHandle(c, c.size() - 1), c.getLast());
  }

  private NfsFh3 parentOf(List<String> c) throws IOException {
    return dirHandle(c, c.size() - 1);
  }

  private Fattr3 orGetattr(PostOpAttr attributes, NfsFh3 fh) throws IOException {
    return attributes.present() ? attributes.attributes() : nfs.getattr(fh);
  }

  Nfs3Client nfs() {
    return nfs;
  }

  NfsBackend backend() {
    return backend;
  }

  private static List<String> nonRoot(String op, String path) throws BackendException {
    List<String> c = BackendPaths.split(path);
    if (c.isEmpty()) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, op + ": the export root cannot be the target");
    }
    return c;
  }

  // ---------------------------------------------------------------------------------------------
  // Attributes

  @Override
  public FileAttributes getattr(String path) throws BackendException {
    List<String> c = BackendPaths.split(path);
    return NfsAttributes.of(run("getattr", path, () -> settled(leaf(c))));
  }

  @Override
  public FileAttributes setattr(String path, SetAttributes change) throws BackendException {
    List<String> c = BackendPaths.split(path);
    return run(
        "setattr",
        path,
        () -> {
          Obj o = leaf(c);
          if (change.size() != null && o.attributes().type() != Ftype3.NF3REG) {
            throw new BackendException(
                o.attributes().type() == Ftype3.NF3DIR
                    ? BackendStatus.IS_DIRECTORY
                    : BackendStatus.INVALID_ARGUMENT,
                "setattr '" + path + "': only a regular file has a size to change");
          }
          if ((change.atime() != null || change.mtime() != null)
              && o.attributes().type() == Ftype3.NF3LNK
              && !capabilities().symlinkTimes()) {
            throw new BackendException(
                BackendStatus.NOT_SUPPORTED,
                "setattr '" + path + "': the times of a symbolic link on " + description);
          }
          invalidate(o.fh());
          try {
            return NfsAttributes.of(apply(o, change));
          } finally {
            invalidate(o.fh());
          }
        });
  }

  /**
   * Applies {@code change} to {@code o}: owner first, then mode and size, then times (chown(2)
   * clears the setuid and setgid bits, so the mode is applied after the owner; a size change moves
   * mtime, so times come last).
   */
  private Fattr3 apply(Obj o, SetAttributes change) throws IOException {
    Fattr3 last = o.attributes();
    if (change.uid() != null || change.gid() != null) {
      last = setattr(o.fh(), new Sattr3(null, change.uid(), change.gid(), null, null, null));
    }
    if (change.mode() != null || change.size() != null) {
      last = setattr(o.fh(), new Sattr3(change.mode(), null, null, change.size(), null, null));
    }
    if (change.atime() != null || change.mtime() != null) {
      last =
          setattr(
              o.fh(),
              new Sattr3(null, null, null, null, time(change.atime()), time(change.mtime())));
    }
    return last;
  }

  private Fattr3 setattr(NfsFh3 fh, Sattr3 change) throws IOException {
    SETATTR3res r = nfs.setattr(fh, change, null);
    return orGetattr(r.objWcc().after(), fh);
  }

  private static SetTime3 time(TimeChange t) {
    if (t == null) {
      return SetTime3.DONT_CHANGE;
    }
    return t.isServerNow() ? SetTime3.SERVER_TIME : SetTime3.client(Nfstime3.of(t.time()));
  }

  /**
   * After a create: applies what the create itself did not (a mode the server changed, an owner,
   * the size, the times); if that fails, removes the new object with {@code undo}.
   */
  private Fattr3 finishCreate(Obj made, SetAttributes init, Integer mode, Attempt<?> undo)
      throws IOException {
    Fattr3 a = made.attributes();
    boolean ownerWrong =
        (init.uid() != null && init.uid() != a.uid())
            || (init.gid() != null && init.gid() != a.gid());
    boolean modeWrong =
        mode != null && a.type() != Ftype3.NF3LNK && (ownerWrong || mode != (a.mode() & 07777));
    SetAttributes rest =
        new SetAttributes(
            modeWrong ? mode : null,
            ownerWrong ? init.uid() : null,
            ownerWrong ? init.gid() : null,
            init.size() == null || init.size() == 0 ? null : init.size(),
            init.atime(),
            init.mtime());
    if (rest.isEmpty()) {
      return a;
    }
    try {
      return apply(made, rest);
    } catch (IOException e) {
      try {
        undo.run();
      } catch (IOException | RuntimeException u) {
        LOG.warn("{}: could not remove a half-made object: {}", description, u.toString());
      }
      throw e;
    }
  }

  private Obj made(PostOpFh3 fh, PostOpAttr attributes, NfsFh3 dir, String name)
      throws IOException {
    if (fh.handle() == null) {
      return lookup(dir, name); // RFC 1813 §3.3.8: the handle is optional in the reply
    }
    return new Obj(fh.handle(), orGetattr(attributes, fh.handle()));
  }

  // ---------------------------------------------------------------------------------------------
  // Directories

  @Override
  public List<DirEntry> list(String dir) throws BackendException {
    List<String> c = BackendPaths.split(dir);
    return run(
        "list",
        dir,
        () -> {
          NfsFh3 fh = dirHandle(c, c.size());
          if (readdirplus) {
            try {
              return listPlus(fh);
            } catch (Nfs3Exception e) {
              if (e.status() != Nfsstat3.NFS3ERR_NOTSUPP) {
                throw e;
              }
              LOG.info("{}: the server has no READDIRPLUS; using READDIR", description);
              readdirplus = false;
            }
          }
          return listPlain(fh);
        });
  }

  /** READDIRPLUS (RFC 1813 §3.3.17), page by page; restarted once after NFS3ERR_BAD_COOKIE. */
  private List<DirEntry> listPlus(NfsFh3 dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      List<DirEntry> out = new ArrayList<>();
      long cookie = 0;
      long verf = 0;
      try {
        while (true) {
          READDIRPLUS3res r = nfs.readdirplus(dir, cookie, verf, DIRCOUNT, MAXCOUNT);
          for (Entryplus3 e : r.entries()) {
            cookie = e.cookie();
            if (e.name().equals(".") || e.name().equals("..")) {
              continue;
            }
            Fattr3 a =
                e.nameAttributes().present()
                    ? e.nameAttributes().attributes()
                    : lookup(dir, e.name()).attributes();
            out.add(new DirEntry(e.name(), NfsAttributes.of(a)));
          }
          verf = r.cookieverf();
          if (r.eof() || r.entries().isEmpty()) {
            return out;
          }
        }
      } catch (Nfs3Exception e) {
        if (e.status() != Nfsstat3.NFS3ERR_BAD_COOKIE || attempt > 0) {
          throw e;
        }
      }
    }
  }

  /** READDIR (RFC 1813 §3.3.16) plus a LOOKUP per entry for its attributes. */
  private List<DirEntry> listPlain(NfsFh3 dir) throws IOException {
    List<DirEntry> out = new ArrayList<>();
    long cookie = 0;
    long verf = 0;
    while (true) {
      READDIR3res r = nfs.readdir(dir, cookie, verf, DIRCOUNT);
      for (Entry3 e : r.entries()) {
        cookie = e.cookie();
        if (e.name().equals(".") || e.name().equals("..")) {
          continue;
        }
        Obj o = lookupIfExists(dir, e.name());
        if (o != null) {
          out.add(new DirEntry(e.name(), NfsAttributes.of(o.attributes())));
        }
      }
      verf = r.cookieverf();
      if (r.eof() || r.entries().isEmpty()) {
        return out;
      }
    }
  }

  @Override
  public FileAttributes mkdir(String path, SetAttributes initial) throws BackendException {
    List<String> c = nonRoot("mkdir", path);
    String name = c.getLast();
    return run(
        "mkdir",
        path,
        () -> {
          NfsFh3 dir = parentOf(c);
          int mode = initial.mode() == null ? 0755 : initial.mode();
          MKDIR3res r =
              nfs.mkdir(
                  dir, name, new Sattr3(mode, initial.uid(), initial.gid(), null, null, null));
          Obj made = made(r.obj(), r.objAttributes(), dir, name);
          return NfsAttributes.of(finishCreate(made, initial, mode, () -> nfs.rmdir(dir, name)));
        });
  }

  @Override
  public void rmdir(String path) throws BackendException {
    List<String> c = nonRoot("rmdir", path);
    run(
        "rmdir",
        path,
        () -> {
          NfsFh3 dir = parentOf(c);
          Obj o = lookup(dir, c.getLast());
          if (o.attributes().type() != Ftype3.NF3DIR) {
            throw new BackendException(
                BackendStatus.NOT_DIRECTORY, "rmdir '" + path + "': not a directory");
          }
          try {
            nfs.rmdir(dir, c.getLast());
          } catch (Nfs3Exception e) {
            // RFC 1813 §3.3.13 lets a server answer EXIST for a non-empty directory
            if (e.status() == Nfsstat3.NFS3ERR_EXIST) {
              throw new BackendException(
                  BackendStatus.NOT_EMPTY, "rmdir '" + path + "': the directory is not empty");
            }
            throw e;
          } finally {
            forget(path);
          }
          return null;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Files and other objects

  @Override
  public FileAttributes create(String path, SetAttributes initial, boolean exclusive)
      throws BackendException {
    List<String> c = nonRoot("create", path);
    String name = c.getLast();
    return run(
        "create",
        path,
        () -> {
          NfsFh3 dir = parentOf(c);
          for (int attempt = 0; ; attempt++) {
            if (!exclusive) {
              Obj existing = lookupIfExists(dir, name);
              if (existing != null) {
                return NfsAttributes.of(keepExisting(path, existing, initial));
              }
            }
            int mode = initial.mode() == null ? 0644 : initial.mode();
            CREATE3res r;
            try {
              r =
                  nfs.create(
                      dir,
                      name,
                      Createhow3.guarded(
                          new Sattr3(mode, initial.uid(), initial.gid(), null, null, null)));
            } catch (Nfs3Exception e) {
              if (e.status() == Nfsstat3.NFS3ERR_EXIST && !exclusive && attempt == 0) {
                continue; // made by someone else meanwhile: keep it, as a non-exclusive create
              }
              throw e;
            }
            Obj made = made(r.obj(), r.objAttributes(), dir, name);
            return NfsAttributes.of(finishCreate(made, initial, mode, () -> nfs.remove(dir, name)));
          }
        });
  }

  /** A non-exclusive create of an existing name: a regular file is kept, with the size applied. */
  private Fattr3 keepExisting(String path, Obj existing, SetAttributes initial) throws IOException {
    if (existing.attributes().type() != Ftype3.NF3REG) {
      throw new BackendException(
          existing.attributes().type() == Ftype3.NF3DIR
              ? BackendStatus.IS_DIRECTORY
              : BackendStatus.EXISTS,
          "create '" + path + "': the name exists and is no regular file");
    }
    if (initial.size() == null) {
      return settled(existing);
    }
    invalidate(existing.fh());
    try {
      return setattr(existing.fh(), new Sattr3(null, null, null, initial.size(), null, null));
    } finally {
      invalidate(existing.fh());
    }
  }

  @Override
  public FileAttributes symlink(String path, String target, SetAttributes initial)
      throws BackendException {
    List<String> c = nonRoot("symlink", path);
    String name = c.getLast();
    if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, "symlink '" + path + "': empty target or NUL in it");
    }
    return run(
        "symlink",
        path,
        () -> {
          NfsFh3 dir = parentOf(c);
          SYMLINK3res r =
              nfs.symlink(
                  dir,
                  name,
                  target,
                  new Sattr3(null, initial.uid(), initial.gid(), null, null, null));
          Obj made = made(r.obj(), r.objAttributes(), dir, name);
          return NfsAttributes.of(
              finishCreate(
                  made,
                  // a link's mode means nothing; its times cannot be stored (symlinkTimes)
                  initial.withMode(null).withTimes(null, null),
                  null,
                  () -> nfs.remove(dir, name)));
        });
  }

  @Override
  public String readlink(String path) throws BackendException {
    List<String> c = BackendPaths.split(path);
    return run(
        "readlink",
        path,
        () -> {
          Obj o = leaf(c);
          if (o.attributes().type() != Ftype3.NF3LNK) {
            throw new BackendException(
                BackendStatus.INVALID_ARGUMENT, "readlink '" + path + "': not a symbolic link");
          }
          return nfs.readlink(o.fh());
        });
  }

  @Override
  public FileAttributes mknod(
      String path, FileType type, int major, int minor, SetAttributes initial)
      throws BackendException {
    List<String> c = nonRoot("mknod", path);
    String name = c.getLast();
    Ftype3 t =
        switch (type) {
          case BLOCK_DEVICE -> Ftype3.NF3BLK;
          case CHAR_DEVICE -> Ftype3.NF3CHR;
          case FIFO -> Ftype3.NF3FIFO;
          case SOCKET -> Ftype3.NF3SOCK;
          case REGULAR, DIRECTORY, SYMLINK ->
              throw new BackendException(
                  BackendStatus.INVALID_ARGUMENT, "mknod '" + path + "': " + type + " is no node");
        };
    if (!capabilities().specialFiles()) {
      throw new BackendException(
          BackendStatus.NOT_SUPPORTED,
          "special files on " + description + " (Ferry calls the server without root)");
    }
    return run(
        "mknod",
        path,
        () -> {
          NfsFh3 dir = parentOf(c);
          int mode = initial.mode() == null ? 0644 : initial.mode();
          Specdata3 spec =
              t == Ftype3.NF3BLK || t == Ftype3.NF3CHR ? new Specdata3(major, minor) : null;
          MKNOD3res r =
              nfs.mknod(
                  dir,
                  name,
                  t,
                  new Sattr3(mode, initial.uid(), initial.gid(), null, null, null),
                  spec);
          Obj made = made(r.obj(), r.objAttributes(), dir, name);
          return NfsAttributes.of(
              finishCreate(made, initial.withSize(null), mode, () -> nfs.remove(dir, name)));
        });
  }

  @Override
  public void remove(String path) throws BackendException {
    List<String> c = nonRoot("remove", path);
    run(
        "remove",
        path,
        () -> {
          NfsFh3 dir = parentOf(c);
          Obj o = lookup(dir, c.getLast());
          if (o.attributes().type() == Ftype3.NF3DIR) {
            throw new BackendException(
                BackendStatus.IS_DIRECTORY, "remove '" + path + "': a directory (use rmdir)");
          }
          invalidate(o.fh()); // writes still in flight go first
          nfs.remove(dir, c.getLast());
          return null;
        });
  }

  @Override
  public void rename(String from, String to) throws BackendException {
    List<String> f = nonRoot("rename", from);
    List<String> t = nonRoot("rename", to);
    run(
        "rename",
        from,
        () -> {
          NfsFh3 fromDir = parentOf(f);
          Obj source = lookup(fromDir, f.getLast());
          if (from.equals(to)) {
            return null;
          }
          boolean sourceIsDir = source.attributes().type() == Ftype3.NF3DIR;
          if (sourceIsDir && to.startsWith(from + "/")) {
            throw new BackendException(
                BackendStatus.INVALID_ARGUMENT,
                "rename '" + from + "' to '" + to + "': a directory cannot move into itself");
          }
          NfsFh3 toDir = parentOf(t);
          Obj target = lookupIfExists(toDir, t.getLast());
          if (target != null) {
            if (target.attributes().fileid() == source.attributes().fileid()
                && target.attributes().fsid() == source.attributes().fsid()) {
              return null; // rename(2): two links of one file, nothing is done
            }
            boolean targetIsDir = target.attributes().type() == Ftype3.NF3DIR;
            if (targetIsDir && !sourceIsDir) {
              throw new BackendException(
                  BackendStatus.IS_DIRECTORY,
                  "rename '" + from + "' to '" + to + "': the target is a directory");
            }
            if (sourceIsDir && !targetIsDir) {
              throw new BackendException(
                  BackendStatus.NOT_DIRECTORY,
                  "rename '" + from + "' to '" + to + "': the target is no directory");
            }
          }
          try {
            nfs.rename(fromDir, f.getLast(), toDir, t.getLast());
          } catch (Nfs3Exception e) {
            // RFC 1813 §3.3.14: EXIST when the target is a non-empty directory
            if (e.status() == Nfsstat3.NFS3ERR_EXIST && sourceIsDir) {
              throw new BackendException(
                  BackendStatus.NOT_EMPTY,
                  "rename '" + from + "' to '" + to + "': the target directory is not empty");
            }
            throw e;
          } finally {
            forget(from);
            forget(to);
          }
          return null;
        });
  }

  @Override
  public FileAttributes link(String existing, String newPath) throws BackendException {
    List<String> e = nonRoot("link", existing);
    List<String> n = nonRoot("link", newPath);
    return run(
        "link",
        existing,
        () -> {
          Obj o = leaf(e);
          if (o.attributes().type() == Ftype3.NF3DIR) {
            throw new BackendException(
                BackendStatus.IS_DIRECTORY, "link '" + existing + "': a directory");
          }
          LINK3res r = nfs.link(o.fh(), parentOf(n), n.getLast());
          return NfsAttributes.of(orGetattr(r.fileAttributes(), o.fh()));
        });
  }

  @Override
  public BackendHandle open(String path, OpenMode mode) throws BackendException {
    List<String> c = BackendPaths.split(path);
    Obj o = run("open", path, () -> leaf(c));
    switch (o.attributes().type()) {
      case NF3REG -> {
        NfsHandle h = handle(path, o.fh(), mode);
        h.io().opened(o.attributes()); // the LOOKUP's attributes: no GETATTR for the first getattr
        return h;
      }
      case NF3DIR ->
          throw new BackendException(BackendStatus.IS_DIRECTORY, "open '" + path + "': directory");
      case NF3LNK ->
          throw new BackendException(
              BackendStatus.SYMLINK_LOOP, "open '" + path + "': a symbolic link is not followed");
      default ->
          throw new BackendException(
              BackendStatus.INVALID_ARGUMENT, "open '" + path + "': not a regular file");
    }
  }

  /** A handle on the regular file {@code fh}, sharing the file's I/O state with other handles. */
  NfsHandle handle(String path, NfsFh3 fh, OpenMode mode) {
    NfsFileIo io =
        files.compute(
            fh,
            (k, existing) -> {
              NfsFileIo x = existing != null ? existing : newFileIo(k, path);
              x.retain();
              return x;
            });
    return new NfsHandle(this, path, io, mode);
  }

  private NfsFileIo newFileIo(NfsFh3 fh, String path) {
    String context = "I/O of '" + path + "' on " + description;
    return new NfsFileIo(
        NfsFileIo.Client.of(nfs),
        fh,
        backend.writeBuffers(),
        backend.readBuffers(),
        backend.readSize(),
        backend.writeSize(),
        NfsFileIo.MAX_WRITES,
        NfsFileIo.AHEAD,
        System::nanoTime,
        Clock.systemUTC(),
        e -> NfsErrors.map(e, context));
  }

  /** The last close of a handle on {@code io}'s file drops its state (unless it keeps an error). */
  void release(NfsFileIo io) {
    if (io.release()) {
      io.quiesce();
      files.computeIfPresent(io.fh(), (fh, x) -> x == io && x.unused() ? null : x);
    }
  }

  /** The I/O state of the file {@code fh}, if it has one; for path-based calls that touch it. */
  private NfsFileIo fileIo(NfsFh3 fh) {
    return files.get(fh);
  }

  /** Attributes of a looked-up object, after Ferry's writes to it that may still be in flight. */
  private Fattr3 settled(Obj o) throws BackendException {
    NfsFileIo io = fileIo(o.fh());
    return io == null ? o.attributes() : io.settled(o.attributes());
  }

  /** Before and after Ferry changes the file {@code fh} by path. */
  private void invalidate(NfsFh3 fh) {
    NfsFileIo io = fileIo(fh);
    if (io != null) {
      io.invalidate();
    }
  }

  @Override
  public FsStats fsstat() throws BackendException {
    FSSTAT3res s = run("fsstat", "", () -> nfs.fsstat(root));
    return new FsStats(s.tbytes(), s.fbytes(), s.abytes(), s.tfiles(), s.ffiles(), s.afiles());
  }

  @Override
  public void close() {
    forgetAll();
    onClose.run();
  }

  @Override
  public String toString() {
    return "NfsBackendExport[" + description + "]";
  }
}
