package org.ferryfs.core.handle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileType;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent map from Ferry object ids to places in exports (DESIGN.md §3.1).
 *
 * <p><b>Design note.</b> Objects are stored as a tree of links, not as paths: an object record
 * holds its export and its links {@code (parent object id, name)}; a second index maps {@code
 * (parent id, name)} to the child's id. A path is found by walking the first link up to the
 * export's root. This makes a rename of a directory with a million descendants one update, keeps
 * every descendant's id valid, and gives hard links (several links to one object) a natural form.
 * Object ids are allocated from a persisted counter and never reused, so a handle to a removed
 * object can only ever be stale, never point at another object. The generation is drawn once when
 * the file is created: handles from another state directory are recognisably stale.
 *
 * <p><b>Durability.</b> Mutations go to MVStore's in-memory pages; {@link #commit()} writes them to
 * the file. The core calls {@code commit()} before it hands a new reference to a client, so a
 * reference a client holds survives a {@code kill -9}. Concurrent commits coalesce.
 *
 * <p>Mutations are serialised by the map's monitor; reads are lock-free.
 */
public final class HandleMap implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HandleMap.class);

  /** Object id of "no parent" (the parent of an export root). */
  public static final long NO_PARENT = 0L;

  private static final byte RECORD_FORMAT = 1;

  /** How often the journal is folded into the MVStore file. */
  static final java.time.Duration CHECKPOINT_INTERVAL = java.time.Duration.ofSeconds(2);

  /** A journal larger than this is folded in at once. */
  private static final long MAX_JOURNAL = 16L << 20;

  // journal record types
  private static final byte T_ROOT = 1;
  private static final byte T_BIND = 2;
  private static final byte T_LINK = 3;
  private static final byte T_UNLINK = 4;
  private static final byte T_RENAME = 5;
  private static final byte T_VERIFIER = 6;
  private static final byte T_FILEKEY = 7;
  private static final byte T_FORGET = 8;
  private static final byte T_SEEN = 9;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_DEPTH = 4096;

  private final Path file;
  private final MVStore store;
  private final MVMap<String, Long> meta;
  private final MVMap<Long, byte[]> objects;
  private final MVMap<String, Long> children;
  private final MVMap<Integer, Long> roots;
  private final MVMap<String, Long> fileKeys;
  private final int generation;
  private final HandleJournal journal;
  private final java.util.concurrent.ScheduledExecutorService checkpointer;
  private long seq;
  private int checkpoints;

  /** One link of an object: its name in a parent directory. */
  public record Link(long parentId, String name) {
    public Link {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * What the map knows of one object.
   *
   * @param exportIndex the export the object belongs to
   * @param type its type when it was last seen
   * @param fileKey the backend's identity of it when it was last seen (a hint for hard links)
   * @param createVerifier the verifier of the exclusive CREATE that made it, 0 if none
   * @param links its names; the first is the one paths are built from; empty for a root
   */
  public record ObjectRecord(
      int exportIndex, FileType type, long fileKey, long createVerifier, List<Link> links) {
    public ObjectRecord {
      links = List.copyOf(links);
    }

    ObjectRecord withLinks(List<Link> newLinks) {
      return new ObjectRecord(exportIndex, type, fileKey, createVerifier, newLinks);
    }

    ObjectRecord withCreateVerifier(long v) {
      return new ObjectRecord(exportIndex, type, fileKey, v, links);
    }

    ObjectRecord withSeen(FileType t, long key) {
      return new ObjectRecord(exportIndex, t, key, createVerifier, links);
    }
  }

  private HandleMap(Path file, MVStore store, HandleJournal journal) throws IOException {
    this.file = file;
    this.store = store;
    this.journal = journal;
    this.meta = store.openMap("meta");
    this.objects = store.openMap("objects");
    this.children = store.openMap("children");
    this.roots = store.openMap("roots");
    this.fileKeys = store.openMap("fileKeys");
    Long gen = meta.get("generation");
    if (gen == null) {
      gen = (long) (RANDOM.nextInt() & 0x7fffffff);
      meta.put("generation", gen);
      meta.put("nextId", 1L);
      meta.put("journalSeq", 0L);
      store.commit();
    }
    this.generation = gen.intValue();
    this.seq = meta.getOrDefault("journalSeq", 0L);
    replay();
    this.checkpointer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "handle-map-checkpoint");
              t.setDaemon(true);
              return t;
            });
    long ms = CHECKPOINT_INTERVAL.toMillis();
    checkpointer.scheduleWithFixedDelay(
        this::checkpointQuietly, ms, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private void replay() throws IOException {
    int n = 0;
    synchronized (this) {
      long after = seq;
      for (HandleJournal.Entry e : journal.readAll()) {
        if (e.seq() <= after) {
          continue; // folded in by a checkpoint the process died right after
        }
        apply(e.type(), e.payload());
        seq = e.seq();
        n++;
      }
    }
    if (n > 0) {
      LOG.info("handle map {}: replayed {} journal records", file, n);
    }
    checkpoint();
  }

  /**
   * Opens (creating if needed) the handle map in {@code file}.
   *
   * @throws BackendException {@link BackendStatus#IO_ERROR} with a message naming the file if it
   *     cannot be opened (in use by another Ferry, corrupt, unwritable directory)
   */
  public static HandleMap open(Path file) throws BackendException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new BackendException(
          BackendStatus.IO_ERROR, "handle map directory " + parent + " does not exist");
    }
    MVStore store;
    try {
      store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
      store.setRetentionTime(10_000);
    } catch (MVStoreException e) {
      String why =
          e.getMessage() != null && e.getMessage().contains("locked")
              ? "it is in use by another Ferry"
              : e.getMessage();
      throw new BackendException(
          BackendStatus.IO_ERROR, "cannot open handle map " + file + ": " + why, e);
    }
    HandleJournal journal = null;
    try {
      journal = HandleJournal.open(journalFile(file));
      return new HandleMap(file, store, journal);
    } catch (IOException | RuntimeException e) {
      store.closeImmediately();
      if (journal != null) {
        try {
          journal.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      throw new BackendException(
          BackendStatus.IO_ERROR, "cannot open handle map " + file + ": " + e.getMessage(), e);
    }
  }

  static Path journalFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".journal");
  }

  /** The incarnation of this map, carried in every reference. */
  public int generation() {
    return generation;
  }

  /** The root object of an export, created on first use. */
  public long root(int exportIndex) {
    Long id = roots.get(exportIndex);
    if (id != null) {
      return id;
    }
    synchronized (this) {
      id = roots.get(exportIndex);
      if (id == null) {
        id = nextId();
        log(record(T_ROOT).putInt(exportIndex).putLong(id));
        applyRoot(exportIndex, id);
      }
      return id;
    }
  }

  /** The record of an object, if it exists. */
  public Optional<ObjectRecord> get(long objectId) {
    byte[] raw = objects.get(objectId);
    return raw == null ? Optional.empty() : Optional.of(decode(raw));
  }

  /**
   * The object's path relative to its export root ({@code ""} for the root).
   *
   * @throws BackendException {@link BackendStatus#STALE} if the object or one of its ancestors is
   *     gone
   */
  public String path(long objectId) throws BackendException {
    List<String> names = new ArrayList<>();
    long id = objectId;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      byte[] raw = objects.get(id);
      if (raw == null) {
        throw new BackendException(BackendStatus.STALE, "object " + objectId + " is gone");
      }
      ObjectRecord r = decode(raw);
      if (r.links().isEmpty()) {
        if (!Long.valueOf(id).equals(roots.get(r.exportIndex()))) {
          throw new BackendException(BackendStatus.STALE, "object " + objectId + " is unlinked");
        }
        if (names.isEmpty()) {
          return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = names.size() - 1; i >= 0; i--) {
          sb.append(names.get(i));
          if (i > 0) {
            sb.append('/');
          }
        }
        return sb.toString();
      }
      Link first = r.links().get(0);
      names.add(first.name());
      id = first.parentId();
    }
    throw new BackendException(
        BackendStatus.SERVER_FAULT, "object " + objectId + " is deeper than " + MAX_DEPTH);
  }

  /** The parent of an object along its first link; {@link #NO_PARENT} for a root. */
  public long parentOf(long objectId) throws BackendException {
    ObjectRecord r =
        get(objectId)
            .orElseThrow(
                () -> new BackendException(BackendStatus.STALE, "object " + objectId + " is gone"));
    return r.links().isEmpty() ? NO_PARENT : r.links().get(0).parentId();
  }

  /** True if {@code ancestor} is {@code objectId} or lies on its first-link path to the root. */
  public boolean isSelfOrAncestor(long ancestor, long objectId) {
    long id = objectId;
    for (int depth = 0; depth < MAX_DEPTH && id != NO_PARENT; depth++) {
      if (id == ancestor) {
        return true;
      }
      byte[] raw = objects.get(id);
      if (raw == null) {
        return false;
      }
      ObjectRecord r = decode(raw);
      id = r.links().isEmpty() ? NO_PARENT : r.links().get(0).parentId();
    }
    return false;
  }

  /** The id bound to {@code name} in {@code parentId}, if any. */
  public OptionalLong child(long parentId, String name) {
    Long id = children.get(childKey(parentId, name));
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /**
   * The id of {@code name} in {@code parentId}: the existing binding, or a new object.
   *
   * @param type the type the backend reports now
   * @param fileKey the backend's identity of the object now
   */
  public long bind(long parentId, String name, int exportIndex, FileType type, long fileKey) {
    Long id = children.get(childKey(parentId, name));
    if (id != null) {
      byte[] raw = objects.get(id);
      if (raw != null) {
        ObjectRecord r = decode(raw);
        if (r.type() != type || r.fileKey() != fileKey) {
          synchronized (this) {
            if (objects.containsKey(id)) {
              log(record(T_SEEN).putLong(id).putByte((byte) type.ordinal()).putLong(fileKey));
              applySeen(id, type, fileKey);
            }
          }
        }
        return id;
      }
    }
    synchronized (this) {
      id = children.get(childKey(parentId, name));
      if (id != null && objects.containsKey(id)) {
        return id;
      }
      long fresh = nextId();
      log(
          record(T_BIND)
              .putLong(fresh)
              .putLong(parentId)
              .putString(name)
              .putInt(exportIndex)
              .putByte((byte) type.ordinal())
              .putLong(fileKey));
      applyBind(fresh, parentId, name, exportIndex, type, fileKey);
      return fresh;
    }
  }

  /** The object registered as hard-linked under a backend identity, if any. */
  public OptionalLong byFileKey(int exportIndex, long fileKey) {
    Long id = fileKeys.get(fileKeyKey(exportIndex, fileKey));
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /** Registers an object under its backend identity, so other names of it resolve to it. */
  public synchronized void registerFileKey(long objectId, int exportIndex, long fileKey) {
    log(record(T_FILEKEY).putLong(objectId).putInt(exportIndex).putLong(fileKey));
    applyFileKey(objectId, exportIndex, fileKey);
  }

  /**
   * Adds the link {@code (parentId, name)} to an existing object (a hard link). A previous binding
   * of that name is dropped.
   */
  public synchronized void addLink(long objectId, long parentId, String name)
      throws BackendException {
    require(objectId);
    log(record(T_LINK).putLong(objectId).putLong(parentId).putString(name));
    applyLink(objectId, parentId, name);
  }

  /**
   * Removes the binding of {@code name} in {@code parentId}. An object left without links is
   * forgotten.
   *
   * @return the id of the object that was forgotten, or {@link OptionalLong#empty()}
   */
  public synchronized OptionalLong unlink(long parentId, String name) {
    if (!children.containsKey(childKey(parentId, name))) {
      return OptionalLong.empty();
    }
    log(record(T_UNLINK).putLong(parentId).putString(name));
    return applyUnlink(parentId, name);
  }

  /**
   * Records a rename: {@code (fromParent, fromName)} becomes {@code (toParent, toName)}; an object
   * bound to the target name loses that link.
   */
  public synchronized void rename(long fromParent, String fromName, long toParent, String toName) {
    log(
        record(T_RENAME)
            .putLong(fromParent)
            .putString(fromName)
            .putLong(toParent)
            .putString(toName));
    applyRename(fromParent, fromName, toParent, toName);
  }

  /** Remembers the verifier of the exclusive create that made the object. */
  public synchronized void setCreateVerifier(long objectId, long verifier) throws BackendException {
    require(objectId);
    log(record(T_VERIFIER).putLong(objectId).putLong(verifier));
    applyVerifier(objectId, verifier);
  }

  /** Forgets every object of an export (after the export was removed). */
  public synchronized int forgetExport(int exportIndex) {
    log(record(T_FORGET).putInt(exportIndex));
    int n = applyForget(exportIndex);
    LOG.info("forgot {} objects of export #{}", n, exportIndex);
    return n;
  }

  /** Number of objects known. */
  public long size() {
    return objects.sizeAsLong();
  }

  /**
   * Makes every change so far durable against a crash of the process: writes the journal records
   * not written yet (one {@code write}; concurrent callers share it).
   */
  public void commit() {
    boolean fold;
    synchronized (journal.flushLock) {
      byte[] bytes;
      synchronized (this) {
        bytes = journal.takePending();
      }
      if (bytes == null) {
        return;
      }
      try {
        journal.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to the handle journal of " + file, e);
      }
      fold = journal.size() > MAX_JOURNAL;
    }
    if (fold) {
      checkpointQuietly();
    }
  }

  /**
   * Folds the journal into the MVStore file and empties it. Runs every {@link #CHECKPOINT_INTERVAL}
   * in the background, when the journal grows large, and on close.
   */
  public void checkpoint() throws IOException {
    synchronized (journal.flushLock) {
      synchronized (this) {
        if (!store.hasUnsavedChanges() && journal.size() == 0 && !journal.hasPending()) {
          return;
        }
        meta.put("journalSeq", seq);
        store.commit();
        journal.reset();
        if (++checkpoints % 64 == 0) {
          // rewrite sparse chunks so the file does not grow with churn
          store.compact(80, 4 << 20);
          store.commit();
        }
      }
    }
  }

  private void checkpointQuietly() {
    try {
      checkpoint();
    } catch (IOException | RuntimeException e) {
      LOG.error("handle map {}: checkpoint failed", file, e);
    }
  }

  /** For tests: stops as a {@code kill -9} would, with no checkpoint and nothing flushed. */
  void crashForTest() throws IOException {
    checkpointer.shutdownNow();
    journal.close();
    store.closeImmediately();
  }

  @Override
  public void close() {
    checkpointer.shutdownNow();
    if (!store.isClosed()) {
      try {
        checkpoint();
        journal.close();
      } catch (IOException e) {
        LOG.warn("handle map {}: final checkpoint failed: {}", file, e.toString());
      }
      store.close();
      LOG.debug("handle map {} closed", file);
    }
  }

  // --- the changes, applied alike live and at replay -----------------------------------------

  private HandleJournal.Writer record(byte type) {
    return new HandleJournal.Writer(++seq, type);
  }

  private void log(HandleJournal.Writer w) {
    journal.append(w.finish());
  }

  private void apply(byte type, java.nio.ByteBuffer b) {
    switch (type) {
      case T_ROOT -> applyRoot(b.getInt(), b.getLong());
      case T_BIND ->
          applyBind(
              b.getLong(),
              b.getLong(),
              HandleJournal.getString(b),
              b.getInt(),
              FileType.values()[b.get()],
              b.getLong());
      case T_LINK -> applyLink(b.getLong(), b.getLong(), HandleJournal.getString(b));
      case T_UNLINK -> applyUnlink(b.getLong(), HandleJournal.getString(b));
      case T_RENAME ->
          applyRename(
              b.getLong(), HandleJournal.getString(b), b.getLong(), HandleJournal.getString(b));
      case T_VERIFIER -> applyVerifier(b.getLong(), b.getLong());
      case T_FILEKEY -> applyFileKey(b.getLong(), b.getInt(), b.getLong());
      case T_FORGET -> applyForget(b.getInt());
      case T_SEEN -> applySeen(b.getLong(), FileType.values()[b.get()], b.getLong());
      default -> throw new IllegalStateException("unknown handle journal record type " + type);
    }
  }

  private void applyRoot(int exportIndex, long id) {
    objects.put(id, encode(new ObjectRecord(exportIndex, FileType.DIRECTORY, 0, 0, List.of())));
    roots.put(exportIndex, id);
    seenId(id);
  }

  private void applyBind(
      long id, long parentId, String name, int exportIndex, FileType type, long fileKey) {
    objects.put(
        id,
        encode(new ObjectRecord(exportIndex, type, fileKey, 0, List.of(new Link(parentId, name)))));
    children.put(childKey(parentId, name), id);
    seenId(id);
  }

  private void applySeen(long id, FileType type, long fileKey) {
    byte[] raw = objects.get(id);
    if (raw != null) {
      objects.put(id, encode(decode(raw).withSeen(type, fileKey)));
    }
  }

  private void applyFileKey(long objectId, int exportIndex, long fileKey) {
    fileKeys.put(fileKeyKey(exportIndex, fileKey), objectId);
  }

  private void applyLink(long objectId, long parentId, String name) {
    byte[] raw = objects.get(objectId);
    if (raw == null) {
      return;
    }
    dropBinding(parentId, name, objectId);
    ObjectRecord r = decode(objects.get(objectId));
    List<Link> links = new ArrayList<>(r.links());
    Link link = new Link(parentId, name);
    if (!links.contains(link)) {
      links.add(link);
    }
    objects.put(objectId, encode(r.withLinks(links)));
    children.put(childKey(parentId, name), objectId);
  }

  private OptionalLong applyUnlink(long parentId, String name) {
    return dropBinding(parentId, name, NO_PARENT);
  }

  private void applyRename(long fromParent, String fromName, long toParent, String toName) {
    Long id = children.get(childKey(fromParent, fromName));
    if (id != null && id.equals(children.get(childKey(toParent, toName)))) {
      // both names are links to the same object: POSIX rename does nothing
      return;
    }
    dropBinding(toParent, toName, id == null ? NO_PARENT : id);
    if (id == null) {
      return;
    }
    children.remove(childKey(fromParent, fromName));
    byte[] raw = objects.get(id);
    if (raw == null) {
      return;
    }
    ObjectRecord r = decode(raw);
    List<Link> links = new ArrayList<>(r.links().size());
    for (Link l : r.links()) {
      links.add(
          l.parentId() == fromParent && l.name().equals(fromName) ? new Link(toParent, toName) : l);
    }
    objects.put(id, encode(r.withLinks(links)));
    children.put(childKey(toParent, toName), id);
  }

  private void applyVerifier(long objectId, long verifier) {
    byte[] raw = objects.get(objectId);
    if (raw != null) {
      objects.put(objectId, encode(decode(raw).withCreateVerifier(verifier)));
    }
  }

  private int applyForget(int exportIndex) {
    List<Long> ids = new ArrayList<>();
    for (Map.Entry<Long, byte[]> e : objects.entrySet()) {
      if (decode(e.getValue()).exportIndex() == exportIndex) {
        ids.add(e.getKey());
      }
    }
    for (Long id : ids) {
      ObjectRecord r = decode(objects.remove(id));
      for (Link l : r.links()) {
        children.remove(childKey(l.parentId(), l.name()));
      }
    }
    roots.remove(exportIndex);
    String prefix = Integer.toHexString(exportIndex) + ":";
    fileKeys.keySet().removeIf(k -> k.startsWith(prefix));
    return ids.size();
  }

  // ----------------------------------------------------------------------------------------

  private ObjectRecord require(long objectId) throws BackendException {
    return get(objectId)
        .orElseThrow(
            () -> new BackendException(BackendStatus.STALE, "object " + objectId + " is gone"));
  }

  /** Drops {@code (parentId, name)}; forgets the object if that was its last link. */
  private OptionalLong dropBinding(long parentId, String name, long keepId) {
    String key = childKey(parentId, name);
    Long id = children.remove(key);
    if (id == null || id == keepId) {
      if (id != null) {
        children.put(key, id);
      }
      return OptionalLong.empty();
    }
    byte[] raw = objects.get(id);
    if (raw == null) {
      return OptionalLong.empty();
    }
    ObjectRecord r = decode(raw);
    List<Link> links = new ArrayList<>(r.links());
    links.removeIf(l -> l.parentId() == parentId && l.name().equals(name));
    if (links.isEmpty()) {
      objects.remove(id);
      if (r.fileKey() != 0) {
        fileKeys.remove(fileKeyKey(r.exportIndex(), r.fileKey()), id);
      }
      return OptionalLong.of(id);
    }
    objects.put(id, encode(r.withLinks(links)));
    return OptionalLong.empty();
  }

  private long nextId() {
    return meta.get("nextId");
  }

  /** Keeps the id counter above every id in use (live allocation and replay alike). */
  private void seenId(long id) {
    if (meta.get("nextId") <= id) {
      meta.put("nextId", id + 1);
    }
  }

  private static String childKey(long parentId, String name) {
    String hex = Long.toHexString(parentId);
    return "0".repeat(16 - hex.length()) + hex + "/" + name;
  }

  private static String fileKeyKey(int exportIndex, long fileKey) {
    return Integer.toHexString(exportIndex) + ":" + Long.toHexString(fileKey);
  }

  static byte[] encode(ObjectRecord r) {
    int size = 1 + 4 + 1 + 8 + 8 + 4;
    List<byte[]> names = new ArrayList<>(r.links().size());
    for (Link l : r.links()) {
      byte[] n = l.name().getBytes(StandardCharsets.UTF_8);
      names.add(n);
      size += 8 + 4 + n.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(RECORD_FORMAT).putInt(r.exportIndex()).put((byte) r.type().ordinal());
    b.putLong(r.fileKey()).putLong(r.createVerifier()).putInt(r.links().size());
    for (int i = 0; i < names.size(); i++) {
      b.putLong(r.links().get(i).parentId()).putInt(names.get(i).length).put(names.get(i));
    }
    return b.array();
  }

  static ObjectRecord decode(byte[] raw) {
    ByteBuffer b = ByteBuffer.wrap(raw);
    byte format = b.get();
    if (format != RECORD_FORMAT) {
      throw new IllegalStateException("handle map record format " + format + " is not known");
    }
    int exportIndex = b.getInt();
    FileType type = FileType.values()[b.get()];
    long fileKey = b.getLong();
    long verifier = b.getLong();
    int n = b.getInt();
    List<Link> links = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long parent = b.getLong();
      byte[] name = new byte[b.getInt()];
      b.get(name);
      links.add(new Link(parent, new String(name, StandardCharsets.UTF_8)));
    }
    return new ObjectRecord(exportIndex, type, fileKey, verifier, links);
  }
}
