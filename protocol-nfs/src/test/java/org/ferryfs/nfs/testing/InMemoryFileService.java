package org.ferryfs.nfs.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.backend.FsStats;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.frontend.Access;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.CreateMode;
import org.ferryfs.frontend.Created;
import org.ferryfs.frontend.DirPage;
import org.ferryfs.frontend.ExportView;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.frontend.FileService;
import org.ferryfs.frontend.Granted;
import org.ferryfs.frontend.Lookup;
import org.ferryfs.frontend.PathConf;
import org.ferryfs.frontend.ReadResult;
import org.ferryfs.frontend.Renamed;
import org.ferryfs.frontend.WriteResult;
import org.ferryfs.frontend.WriteStability;

/**
 * A simple but correct in-memory {@link FileService} for front-end tests: exports holding trees of
 * directories, files, symbolic links and special files, with hard links, POSIX-style permission
 * bits, stable directory cookies and the facade's error statuses.
 *
 * <p>Design note. One lock guards everything (it is a test fake; correctness over concurrency).
 * Every object has a global id, which is both its {@link FileRef#objectId()} and its {@code
 * fileId}; references carry this instance's generation, so references of another instance are
 * STALE. A directory lists "." and ".." (cookies 1 and 2), then its entries in name order; each
 * entry gets a cookie from the directory's counter when it is linked, and the directory remembers
 * which name every cookie it ever gave belonged to, so a listing resumes after that name even if
 * the entry has gone since. A directory's cookie verifier is fixed for its life; a cookie with
 * another verifier, or one the directory never gave, is BAD_COOKIE.
 *
 * <p>Test hooks: {@link #failNext} makes the next facade call fail with a status, {@link
 * #throwNext} makes it throw an unchecked exception, {@link #restartWriteVerifier} simulates a
 * restart that lost unstable writes.
 */
public final class InMemoryFileService implements FileService {

  /** Cookie of ".". */
  public static final long DOT_COOKIE = 1;

  /** Cookie of "..". */
  public static final long DOTDOT_COOKIE = 2;

  private static final int NAME_MAX = 255;

  /** Default largest file (so that fuzzed offsets cannot exhaust the test's heap). */
  public static final int MAX_FILE_SIZE = 64 << 20;

  private volatile int maxFileSize = MAX_FILE_SIZE;

  private static final int BLOCK = 4096;

  private final Object lock = new Object();
  private final Clock clock;
  private final int generation;
  private final byte[] secret;
  private final Map<Long, Node> objects = new HashMap<>();
  private final NavigableMap<String, Export> exportsByName = new TreeMap<>();
  private final Map<Integer, Export> exportsByIndex = new HashMap<>();
  private final AtomicReference<Object> nextFailure = new AtomicReference<>();
  private long nextId = 1000;
  private long writeVerifier;

  /** With the system clock, generation 1 and a random handle secret. */
  public InMemoryFileService() {
    this(Clock.systemUTC(), 1, randomSecret());
  }

  public InMemoryFileService(Clock clock, int generation, byte[] secret) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.generation = generation;
    this.secret = secret.clone();
    this.writeVerifier = new SecureRandom().nextLong();
  }

  private static byte[] randomSecret() {
    byte[] s = new byte[32];
    new SecureRandom().nextBytes(s);
    return s;
  }

  // ---------------------------------------------------------------- test setup and hooks

  /**
   * Adds an export with an empty root directory (mode 0777, owned by root).
   *
   * @param clients the access rule: addresses or CIDRs; empty for everyone
   */
  public ExportView addExport(String name, boolean readOnly, List<String> clients) {
    synchronized (lock) {
      if (exportsByName.containsKey(name)) {
        throw new IllegalArgumentException("export " + name + " exists already");
      }
      int index = exportsByIndex.size() + 1;
      Node root = newNode(FileType.DIRECTORY, index, 0777, 0, 0);
      root.parent = root;
      Export e = new Export(name, index, root, readOnly, List.copyOf(clients));
      exportsByName.put(name, e);
      exportsByIndex.put(index, e);
      return e.view(this);
    }
  }

  /** Adds a writable export open to everyone. */
  public ExportView addExport(String name) {
    return addExport(name, false, List.of());
  }

  /** Files may not grow beyond {@code bytes} (FILE_TOO_LARGE). */
  public void setMaxFileSize(int bytes) {
    maxFileSize = bytes;
  }

  /** The next facade call fails with {@code status}. */
  public void failNext(BackendStatus status) {
    nextFailure.set(status);
  }

  /** The next facade call throws {@code e}. */
  public void throwNext(RuntimeException e) {
    nextFailure.set(e);
  }

  /** Changes the write verifier, as a restart that lost unstable writes would. */
  public void restartWriteVerifier() {
    synchronized (lock) {
      writeVerifier++;
    }
  }

  /** Caller for setup code: root on loopback. */
  public static Caller root() {
    return new Caller(0, 0, new int[0], InetAddress.getLoopbackAddress());
  }

  // ---------------------------------------------------------------- FileService

  /** Whether calls count as local (in memory: yes, unless a test says otherwise). */
  private volatile boolean callsAreLocal = true;

  public void setCallsAreLocal(boolean local) {
    this.callsAreLocal = local;
  }

  @Override
  public boolean callsAreLocal() {
    return callsAreLocal;
  }

  @Override
  public List<ExportView> exports() {
    synchronized (lock) {
      List<ExportView> out = new ArrayList<>();
      for (Export e : exportsByName.values()) {
        out.add(e.view(this));
      }
      return out;
    }
  }

  @Override
  public FileRef mount(Caller caller, String path) throws BackendException {
    hook();
    synchronized (lock) {
      if (path == null || !path.startsWith("/")) {
        throw new BackendException(BackendStatus.NOT_FOUND, "mount paths start with /: " + path);
      }
      String[] parts = path.substring(1).split("/");
      Export export = exportsByName.get(parts[0]);
      if (export == null) {
        throw new BackendException(BackendStatus.NOT_FOUND, "no export " + parts[0]);
      }
      checkClient(export, caller);
      Node node = export.root;
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].isEmpty() || parts[i].equals(".")) {
          continue;
        }
        if (!node.isDir()) {
          throw new BackendException(BackendStatus.NOT_DIRECTORY, path);
        }
        node = parts[i].equals("..") ? node.parent : node.children.get(parts[i]);
        if (node == null) {
          throw new BackendException(BackendStatus.NOT_FOUND, path);
        }
      }
      if (!node.isDir()) {
        throw new BackendException(BackendStatus.NOT_DIRECTORY, path + " is not a directory");
      }
      return ref(node);
    }
  }

  @Override
  public ExportView export(FileRef ref) throws BackendException {
    hook();
    synchronized (lock) {
      Export e = exportsByIndex.get(ref.exportIndex());
      if (e == null || ref.generation() != generation) {
        throw new BackendException(BackendStatus.STALE, "no export " + ref.exportIndex());
      }
      return e.view(this);
    }
  }

  @Override
  public FileAttributes getattr(Caller caller, FileRef ref) throws BackendException {
    hook();
    synchronized (lock) {
      return attrs(resolve(caller, ref));
    }
  }

  @Override
  public FileAttributes setattr(
      Caller caller, FileRef ref, SetAttributes change, Instant guardCtime)
      throws BackendException {
    hook();
    synchronized (lock) {
      Node n = resolve(caller, ref);
      writable(n);
      if (guardCtime != null && !guardCtime.equals(n.ctime)) {
        throw new BackendException(BackendStatus.NOT_SYNC, "ctime changed");
      }
      boolean owner = caller.isRoot() || caller.uid() == n.uid;
      if ((change.mode() != null || change.uid() != null || change.gid() != null) && !owner) {
        throw new BackendException(BackendStatus.NOT_OWNER, "only the owner may change that");
      }
      if (change.uid() != null && !caller.isRoot() && change.uid() != n.uid) {
        throw new BackendException(BackendStatus.NOT_OWNER, "only root may chown");
      }
      if (change.size() != null) {
        if (n.isDir()) {
          throw new BackendException(BackendStatus.IS_DIRECTORY, "cannot truncate a directory");
        }
        if (n.type != FileType.REGULAR) {
          throw new BackendException(BackendStatus.INVALID_ARGUMENT, "not a regular file");
        }
        permit(caller, n, 2);
      }
      boolean times = change.atime() != null || change.mtime() != null;
      if (times && !owner) {
        boolean serverNow =
            (change.atime() == null || change.atime().isServerNow())
                && (change.mtime() == null || change.mtime().isServerNow());
        if (!serverNow) {
          throw new BackendException(BackendStatus.NOT_OWNER, "only the owner may set times");
        }
        permit(caller, n, 2);
      }
      Instant now = clock.instant();
      if (change.mode() != null) {
        n.mode = change.mode();
      }
      if (change.uid() != null) {
        n.uid = change.uid();
      }
      if (change.gid() != null) {
        n.gid = change.gid();
      }
      if (change.size() != null) {
        n.truncate(change.size(), maxFileSize);
        n.mtime = now;
      }
      if (change.atime() != null) {
        n.atime = change.atime().resolve(now);
      }
      if (change.mtime() != null) {
        n.mtime = change.mtime().resolve(now);
      }
      n.ctime = now;
      return attrs(n);
    }
  }

  @Override
  public Lookup lookup(Caller caller, FileRef dir, String name) throws BackendException {
    hook();
    synchronized (lock) {
      Node d = directory(caller, dir);
      permit(caller, d, 1);
      Node n =
          switch (name) {
            case "." -> d;
            case ".." -> d.parent;
            default -> d.children.get(name);
          };
      if (n == null) {
        checkNameSyntax(name);
        throw new BackendException(BackendStatus.NOT_FOUND, name);
      }
      return new Lookup(ref(n), attrs(n));
    }
  }

  @Override
  public Granted access(Caller caller, FileRef ref, int requested) throws BackendException {
    hook();
    synchronized (lock) {
      Node n = resolve(caller, ref);
      int granted = 0;
      boolean r = allowed(caller, n, 4);
      boolean w = allowed(caller, n, 2) && !exportOf(n).readOnly;
      boolean x = allowed(caller, n, 1);
      if (r) {
        granted |= Access.READ;
      }
      if (n.isDir()) {
        granted |= x ? Access.LOOKUP : 0;
        granted |= w ? Access.MODIFY | Access.EXTEND | Access.DELETE : 0;
      } else {
        granted |= w ? Access.MODIFY | Access.EXTEND : 0;
        granted |= x ? Access.EXECUTE : 0;
      }
      return new Granted(granted & requested, attrs(n));
    }
  }

  @Override
  public String readlink(Caller caller, FileRef ref) throws BackendException {
    hook();
    synchronized (lock) {
      Node n = resolve(caller, ref);
      if (n.type != FileType.SYMLINK) {
        throw new BackendException(BackendStatus.INVALID_ARGUMENT, "not a symbolic link");
      }
      return n.target;
    }
  }

  @Override
  public ReadResult read(Caller caller, FileRef ref, long offset, ByteBuffer dst)
      throws BackendException {
    hook();
    synchronized (lock) {
      Node n = resolve(caller, ref);
      regularFile(n);
      permit(caller, n, 4);
      int count = 0;
      if (offset < n.size) {
        count = (int) Math.min(dst.remaining(), n.size - offset);
        dst.put(n.data, (int) offset, count);
      }
      boolean eof = offset + count >= n.size;
      return new ReadResult(count, eof, attrs(n));
    }
  }

  @Override
  public WriteResult write(
      Caller caller, FileRef ref, long offset, ByteBuffer src, WriteStability stability)
      throws BackendException {
    hook();
    synchronized (lock) {
      Node n = resolve(caller, ref);
      writable(n);
      regularFile(n);
      permit(caller, n, 2);
      FileAttributes before = attrs(n);
      int count = src.remaining();
      long end = offset + count;
      if (offset < 0 || end > maxFileSize) {
        throw new BackendException(BackendStatus.FILE_TOO_LARGE, "in-memory files stay small");
      }
      n.ensure((int) end, maxFileSize);
      src.get(n.data, (int) offset, count);
      n.size = Math.max(n.size, end);
      n.mtime = n.ctime = clock.instant();
      return new WriteResult(count, stability, before, attrs(n));
    }
  }

  @Override
  public FileAttributes commit(Caller caller, FileRef ref, long offset, long count)
      throws BackendException {
    hook();
    synchronized (lock) {
      Node n = resolve(caller, ref);
      regularFile(n);
      return attrs(n);
    }
  }

  @Override
  public long writeVerifier() {
    synchronized (lock) {
      return writeVerifier;
    }
  }

  @Override
  public Created create(
      Caller caller,
      FileRef dir,
      String name,
      CreateMode mode,
      SetAttributes initial,
      long verifier)
      throws BackendException {
    hook();
    synchronized (lock) {
      Node d = modifiableDirectory(caller, dir, name);
      Node existing = d.children.get(name);
      if (existing != null) {
        switch (mode) {
          case GUARDED -> throw new BackendException(BackendStatus.EXISTS, name);
          case EXCLUSIVE -> {
            if (existing.createVerifier == null || existing.createVerifier != verifier) {
              throw new BackendException(BackendStatus.EXISTS, name);
            }
            return new Created(ref(existing), attrs(existing), attrs(d));
          }
          case UNCHECKED -> {
            if (existing.type != FileType.REGULAR) {
              throw new BackendException(
                  existing.isDir() ? BackendStatus.IS_DIRECTORY : BackendStatus.EXISTS, name);
            }
            if (initial.size() != null) {
              permit(caller, existing, 2);
              existing.truncate(initial.size(), maxFileSize);
              existing.mtime = existing.ctime = clock.instant();
            }
            return new Created(ref(existing), attrs(existing), attrs(d));
          }
        }
      }
      Node n = newChild(caller, d, name, FileType.REGULAR, initial, 0644);
      if (mode == CreateMode.EXCLUSIVE) {
        n.createVerifier = verifier;
      } else if (initial.size() != null) {
        n.truncate(initial.size(), maxFileSize);
      }
      return new Created(ref(n), attrs(n), attrs(d));
    }
  }

  @Override
  public Created mkdir(Caller caller, FileRef dir, String name, SetAttributes initial)
      throws BackendException {
    hook();
    synchronized (lock) {
      Node d = modifiableDirectory(caller, dir, name);
      if (d.children.containsKey(name)) {
        throw new BackendException(BackendStatus.EXISTS, name);
      }
      Node n = newChild(caller, d, name, FileType.DIRECTORY, initial, 0755);
      n.parent = d;
      return new Created(ref(n), attrs(n), attrs(d));
    }
  }

  @Override
  public Created symlink(
      Caller caller, FileRef dir, String name, String target, SetAttributes initial)
      throws BackendException {
    hook();
    synchronized (lock) {
      Node d = modifiableDirectory(caller, dir, name);
      if (d.children.containsKey(name)) {
        throw new BackendException(BackendStatus.EXISTS, name);
      }
      Node n = newChild(caller, d, name, FileType.SYMLINK, SetAttributes.NONE, 0777);
      n.target = target;
      n.size = target.getBytes(StandardCharsets.UTF_8).length;
      return new Created(ref(n), attrs(n), attrs(d));
    }
  }

  @Override
  public Created mknod(
      Caller caller,
      FileRef dir,
      String name,
      FileType type,
      int major,
      int minor,
      SetAttributes initial)
      throws BackendException {
    hook();
    synchronized (lock) {
      Node d = modifiableDirectory(caller, dir, name);
      if (type == FileType.REGULAR || type == FileType.DIRECTORY || type == FileType.SYMLINK) {
        throw new BackendException(BackendStatus.INVALID_ARGUMENT, "mknod of " + type);
      }
      if ((type == FileType.BLOCK_DEVICE || type == FileType.CHAR_DEVICE) && !caller.isRoot()) {
        throw new BackendException(BackendStatus.NOT_OWNER, "only root makes devices");
      }
      if (d.children.containsKey(name)) {
        throw new BackendException(BackendStatus.EXISTS, name);
      }
      Node n = newChild(caller, d, name, type, initial, 0644);
      n.rdevMajor = major;
      n.rdevMinor = minor;
      return new Created(ref(n), attrs(n), attrs(d));
    }
  }

  @Override
  public FileAttributes remove(Caller caller, FileRef dir, String name) throws BackendException {
    hook();
    synchronized (lock) {
      Node d = modifiableDirectory(caller, dir, name);
      Node n = child(d, name);
      if (n.isDir()) {
        throw new BackendException(BackendStatus.IS_DIRECTORY, name + " is a directory");
      }
      unlink(d, name);
      return attrs(d);
    }
  }

  @Override
  public FileAttributes rmdir(Caller caller, FileRef dir, String name) throws BackendException {
    hook();
    synchronized (lock) {
      Node d = modifiableDirectory(caller, dir, name);
      Node n = child(d, name);
      if (!n.isDir()) {
        throw new BackendException(BackendStatus.NOT_DIRECTORY, name + " is not a directory");
      }
      if (!n.children.isEmpty()) {
        throw new BackendException(BackendStatus.NOT_EMPTY, name);
      }
      unlink(d, name);
      return attrs(d);
    }
  }

  @Override
  public Renamed rename(
      Caller caller, FileRef fromDir, String fromName, FileRef toDir, String toName)
      throws BackendException {
    hook();
    synchronized (lock) {
      Node from = modifiableDirectory(caller, fromDir, fromName);
      Node to = modifiableDirectory(caller, toDir, toName);
      if (from.exportIndex != to.exportIndex) {
        throw new BackendException(BackendStatus.CROSS_DEVICE, "rename across exports");
      }
      Node n = child(from, fromName);
      Node target = to.children.get(toName);
      if (target == n) {
        return new Renamed(attrs(from), attrs(to));
      }
      if (n.isDir()) {
        for (Node p = to; ; p = p.parent) {
          if (p == n) {
            throw new BackendException(
                BackendStatus.INVALID_ARGUMENT, "cannot move a directory into itself");
          }
          if (p.parent == p) {
            break;
          }
        }
      }
      if (target != null) {
        if (n.isDir() && !target.isDir()) {
          throw new BackendException(BackendStatus.NOT_DIRECTORY, toName);
        }
        if (!n.isDir() && target.isDir()) {
          throw new BackendException(BackendStatus.IS_DIRECTORY, toName);
        }
        if (target.isDir() && !target.children.isEmpty()) {
          throw new BackendException(BackendStatus.NOT_EMPTY, toName);
        }
        unlink(to, toName);
      }
      from.children.remove(fromName);
      from.cookieOf.remove(fromName);
      n.links--;
      link(to, toName, n);
      if (n.isDir()) {
        n.parent = to;
      }
      Instant now = clock.instant();
      from.mtime = from.ctime = to.mtime = to.ctime = n.ctime = now;
      return new Renamed(attrs(from), attrs(to));
    }
  }

  @Override
  public Created link(Caller caller, FileRef file, FileRef dir, String name)
      throws BackendException {
    hook();
    synchronized (lock) {
      Node n = resolve(caller, file);
      Node d = modifiableDirectory(caller, dir, name);
      if (n.isDir()) {
        throw new BackendException(BackendStatus.IS_DIRECTORY, "no hard links to directories");
      }
      if (n.exportIndex != d.exportIndex) {
        throw new BackendException(BackendStatus.CROSS_DEVICE, "link across exports");
      }
      if (d.children.containsKey(name)) {
        throw new BackendException(BackendStatus.EXISTS, name);
      }
      link(d, name, n);
      n.ctime = clock.instant();
      return new Created(ref(n), attrs(n), attrs(d));
    }
  }

  @Override
  public DirPage readdir(
      Caller caller,
      FileRef dir,
      long cookie,
      long verifier,
      int maxEntries,
      boolean withAttributes)
      throws BackendException {
    hook();
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
    synchronized (lock) {
      Node d = directory(caller, dir);
      permit(caller, d, 4);
      List<DirPage.Entry> out = new ArrayList<>();
      String after = null;
      if (cookie != 0) {
        if (verifier != d.verifier) {
          throw new BackendException(BackendStatus.BAD_COOKIE, "verifier does not match");
        }
        if (cookie != DOT_COOKIE && cookie != DOTDOT_COOKIE) {
          after = d.nameOfCookie.get(cookie);
          if (after == null) {
            throw new BackendException(BackendStatus.BAD_COOKIE, "unknown cookie " + cookie);
          }
        }
      }
      boolean eof = true;
      if (cookie == 0) {
        out.add(entry(".", DOT_COOKIE, d, withAttributes));
      }
      if (cookie == 0 || cookie == DOT_COOKIE) {
        if (out.size() < maxEntries) {
          out.add(entry("..", DOTDOT_COOKIE, d.parent, withAttributes));
        } else {
          eof = false;
        }
      }
      if (eof) {
        NavigableMap<String, Node> rest =
            after == null ? d.children : d.children.tailMap(after, false);
        for (Map.Entry<String, Node> e : rest.entrySet()) {
          if (out.size() == maxEntries) {
            eof = false;
            break;
          }
          out.add(entry(e.getKey(), d.cookieOf.get(e.getKey()), e.getValue(), withAttributes));
        }
      }
      return new DirPage(out, eof, d.verifier, attrs(d));
    }
  }

  @Override
  public FsStats fsstat(Caller caller, FileRef ref) throws BackendException {
    hook();
    synchronized (lock) {
      resolve(caller, ref);
      long used = 0;
      for (Node n : objects.values()) {
        used += n.size;
      }
      long total = 1L << 40;
      return new FsStats(
          total,
          total - used,
          total - used,
          1 << 20,
          (1 << 20) - objects.size(),
          (1 << 20) - objects.size());
    }
  }

  @Override
  public PathConf pathconf(Caller caller, FileRef ref) throws BackendException {
    hook();
    synchronized (lock) {
      resolve(caller, ref);
      return new PathConf(32000, NAME_MAX, true, true, false, true);
    }
  }

  @Override
  public byte[] handleSecret() {
    return secret.clone();
  }

  // ---------------------------------------------------------------- internals

  private void hook() throws BackendException {
    Object failure = nextFailure.getAndSet(null);
    if (failure instanceof BackendStatus s) {
      throw new BackendException(s, "injected failure");
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
  }

  private DirPage.Entry entry(String name, long cookie, Node n, boolean withAttributes) {
    return new DirPage.Entry(name, cookie, n.id, ref(n), withAttributes ? attrs(n) : null);
  }

  private FileRef ref(Node n) {
    return new FileRef(n.exportIndex, n.id, generation);
  }

  private Node resolve(Caller caller, FileRef ref) throws BackendException {
    Node n = objects.get(ref.objectId());
    if (ref.generation() != generation || n == null || n.exportIndex != ref.exportIndex()) {
      throw new BackendException(BackendStatus.STALE, "no object " + ref);
    }
    checkClient(exportOf(n), caller);
    return n;
  }

  private Node directory(Caller caller, FileRef ref) throws BackendException {
    Node d = resolve(caller, ref);
    if (!d.isDir()) {
      throw new BackendException(BackendStatus.NOT_DIRECTORY, "not a directory");
    }
    return d;
  }

  private Node modifiableDirectory(Caller caller, FileRef ref, String name)
      throws BackendException {
    Node d = directory(caller, ref);
    writable(d);
    checkNewName(name);
    permit(caller, d, 3);
    return d;
  }

  private Node child(Node d, String name) throws BackendException {
    Node n = d.children.get(name);
    if (n == null) {
      throw new BackendException(BackendStatus.NOT_FOUND, name);
    }
    return n;
  }

  private Export exportOf(Node n) {
    return exportsByIndex.get(n.exportIndex);
  }

  private void writable(Node n) throws BackendException {
    if (exportOf(n).readOnly) {
      throw new BackendException(BackendStatus.READ_ONLY, "export is read-only");
    }
  }

  private static void regularFile(Node n) throws BackendException {
    if (n.isDir()) {
      throw new BackendException(BackendStatus.IS_DIRECTORY, "is a directory");
    }
    if (n.type != FileType.REGULAR) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, "not a regular file");
    }
  }

  private static void checkNameSyntax(String name) throws BackendException {
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, "bad name");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
      throw new BackendException(BackendStatus.NAME_TOO_LONG, "name too long");
    }
  }

  private static void checkNewName(String name) throws BackendException {
    checkNameSyntax(name);
    if (name.equals(".") || name.equals("..")) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, "'.' and '..' are taken");
    }
  }

  /** Throws ACCESS_DENIED unless the caller has all {@code bits} (r=4, w=2, x=1) on {@code n}. */
  private static void permit(Caller caller, Node n, int bits) throws BackendException {
    if (!allowed(caller, n, bits)) {
      throw new BackendException(BackendStatus.ACCESS_DENIED, "permission denied");
    }
  }

  private static boolean allowed(Caller caller, Node n, int bits) {
    if (caller.isRoot()) {
      return (bits & 1) == 0 || n.isDir() || (n.mode & 0111) != 0;
    }
    int have;
    if (caller.uid() == n.uid) {
      have = (n.mode >> 6) & 7;
    } else if (caller.inGroup(n.gid)) {
      have = (n.mode >> 3) & 7;
    } else {
      have = n.mode & 7;
    }
    return (have & bits) == bits;
  }

  private static void checkClient(Export e, Caller caller) throws BackendException {
    if (e.clients.isEmpty()) {
      return;
    }
    for (String rule : e.clients) {
      if (matches(rule, caller.address())) {
        return;
      }
    }
    throw new BackendException(
        BackendStatus.ACCESS_DENIED,
        "export " + e.name + " refuses " + caller.address().getHostAddress());
  }

  static boolean matches(String rule, InetAddress address) {
    try {
      int slash = rule.indexOf('/');
      InetAddress net = InetAddress.getByName(slash < 0 ? rule : rule.substring(0, slash));
      byte[] a = address.getAddress();
      byte[] b = net.getAddress();
      if (a.length != b.length) {
        return false;
      }
      int bits = slash < 0 ? a.length * 8 : Integer.parseInt(rule.substring(slash + 1));
      for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
        if ((a[i] & mask) != (b[i] & mask)) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }

  private Node newNode(FileType type, int exportIndex, int mode, int uid, int gid) {
    Node n = new Node(nextId++, type, exportIndex, clock.instant());
    n.mode = mode;
    n.uid = uid;
    n.gid = gid;
    objects.put(n.id, n);
    return n;
  }

  private Node newChild(
      Caller caller, Node d, String name, FileType type, SetAttributes initial, int mode) {
    Node n =
        newNode(
            type,
            d.exportIndex,
            initial.mode() != null ? initial.mode() : mode,
            initial.uid() != null ? initial.uid() : caller.uid(),
            initial.gid() != null ? initial.gid() : caller.gid());
    Instant now = clock.instant();
    if (initial.atime() != null) {
      n.atime = initial.atime().resolve(now);
    }
    if (initial.mtime() != null) {
      n.mtime = initial.mtime().resolve(now);
    }
    link(d, name, n);
    return n;
  }

  private void link(Node d, String name, Node n) {
    long cookie = d.nextCookie++;
    d.children.put(name, n);
    d.cookieOf.put(name, cookie);
    d.nameOfCookie.put(cookie, name);
    n.links++;
    d.mtime = d.ctime = clock.instant();
  }

  private void unlink(Node d, String name) {
    Node n = d.children.remove(name);
    d.cookieOf.remove(name);
    n.links--;
    d.mtime = d.ctime = clock.instant();
    n.ctime = d.ctime;
    if (n.links == 0) {
      objects.remove(n.id);
    }
  }

  private FileAttributes attrs(Node n) {
    int nlink = n.links;
    if (n.isDir()) {
      nlink = 2;
      for (Node c : n.children.values()) {
        if (c.isDir()) {
          nlink++;
        }
      }
    }
    return new FileAttributes(
        n.type,
        n.mode & 07777,
        nlink,
        n.uid,
        n.gid,
        n.isDir() ? BLOCK : n.size,
        (n.size + BLOCK - 1) / BLOCK * BLOCK,
        n.rdevMajor,
        n.rdevMinor,
        n.id,
        n.atime,
        n.mtime,
        n.ctime,
        n.birth);
  }

  /** One export. */
  private record Export(String name, int index, Node root, boolean readOnly, List<String> clients) {
    ExportView view(InMemoryFileService s) {
      return new ExportView(name, index, s.ref(root), readOnly, clients);
    }
  }

  /** One object; a directory's fields describe its entries. */
  private static final class Node {
    final long id;
    final FileType type;
    final int exportIndex;
    final Instant birth;
    int mode;
    int uid;
    int gid;
    int links;
    int rdevMajor;
    int rdevMinor;
    Instant atime;
    Instant mtime;
    Instant ctime;
    Long createVerifier;
    // regular file
    byte[] data = new byte[0];
    long size;
    // symbolic link
    String target;
    // directory
    Node parent;
    final TreeMap<String, Node> children = new TreeMap<>();
    final Map<String, Long> cookieOf = new HashMap<>();
    final Map<Long, String> nameOfCookie = new HashMap<>();
    long nextCookie = 3;
    final long verifier;

    Node(long id, FileType type, int exportIndex, Instant now) {
      this.id = id;
      this.type = type;
      this.exportIndex = exportIndex;
      this.birth = now;
      this.atime = now;
      this.mtime = now;
      this.ctime = now;
      this.verifier = 0x5EED_0000_0000_0000L ^ id;
    }

    boolean isDir() {
      return type == FileType.DIRECTORY;
    }

    void ensure(int length, int max) {
      if (data.length < length) {
        data = Arrays.copyOf(data, Math.max(length, Math.min(max, data.length * 2)));
      }
    }

    void truncate(long newSize, int max) throws BackendException {
      if (newSize > max) {
        throw new BackendException(BackendStatus.FILE_TOO_LARGE, "in-memory files stay small");
      }
      if (newSize < size) {
        Arrays.fill(data, (int) newSize, (int) Math.min(size, data.length), (byte) 0);
      } else {
        ensure((int) newSize, max);
      }
      size = newSize;
    }
  }
}
