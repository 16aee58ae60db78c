package org.ferryfs.mapping.mvstore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.ferryfs.mapping.ExportMapping;
import org.ferryfs.mapping.MappingConflictException;
import org.ferryfs.mapping.MappingConflictException.Kind;
import org.ferryfs.mapping.MappingEvent;
import org.ferryfs.mapping.MappingListener;
import org.ferryfs.mapping.MappingListeners;
import org.ferryfs.mapping.MappingStore;
import org.ferryfs.mapping.MappingStoreException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link MappingStore}: one H2 MVStore file in Ferry's state directory, for a single
 * Ferry node.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Layout.</b> Two MVMaps: {@value #MAPPINGS_MAP} (name → record bytes, see {@link
 *       MappingRecordCodec}) and {@value #META_MAP} ({@value #META_FORMAT}: the file format,
 *       {@value #META_NEXT_INDEX}: the next export index to assign). Keys and values use MVStore's
 *       fixed String/Long/byte[] types, never Java serialization.
 *   <li><b>Writes.</b> One writer at a time (a lock). A write changes the maps, commits (MVStore
 *       appends a chunk; one commit is atomic across maps) and forces the file to disk, then
 *       publishes the new table to readers, then delivers the event, all before releasing the lock:
 *       events are in write order and reach listeners before the write returns. Within a commit the
 *       index counter is written before the record, so no order of partial writes could hand an
 *       index out twice.
 *   <li><b>Durability.</b> {@code commit()} alone puts the chunk in the OS page cache, which
 *       survives {@code kill -9}; we also {@code force} the file (fsync), so an acknowledged write
 *       also survives power loss and kernel crashes. Mapping writes are rare (operator commands,
 *       migration cutovers), so the few milliseconds are cheap, and losing an acknowledged cutover
 *       or index allocation would let two exports share an index in clients' file handles. The
 *       parent directory is synced once when the file is created.
 *   <li><b>Fail-stop.</b> If a write cannot be made durable, the store closes itself: what is on
 *       disk is then unknown, and only a restart (which reads the file again) is safe.
 *   <li><b>Reads</b> never touch MVStore: readers see an immutable decoded snapshot that is
 *       replaced after each durable write, so they never see a change that could still be lost.
 *   <li><b>Exclusive use.</b> MVStore locks the file against other processes. A second open in the
 *       same JVM is refused before it touches the file: on Linux, closing any channel to a file
 *       drops all of the process's POSIX locks on it, so letting the second open reach the file
 *       would silently unlock the first.
 *   <li><b>Validation.</b> Every record is decoded when the file is opened, so a corrupt or too-new
 *       file is reported at start, naming the file, not on the first client request.
 * </ul>
 */
public final class MvStoreMappingStore implements MappingStore {
  private static final Logger LOG = LoggerFactory.getLogger(MvStoreMappingStore.class);

  static final String MAPPINGS_MAP = "ferry.mappings";
  static final String META_MAP = "ferry.meta";
  static final String META_FORMAT = "format";
  static final String META_NEXT_INDEX = "nextIndex";

  /** The state-file format this code reads and writes (the layout above, not the record format). */
  static final long FILE_FORMAT = 1;

  /** State files open in this JVM (real paths). */
  private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final MVStore mvStore;
  private final MVMap<String, byte[]> records;
  private final MVMap<String, Long> meta;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final MappingListeners listeners;

  /** Changed only under {@link #writeLock}; volatile so that 64-bit writes are atomic. */
  private volatile long nextIndex;

  private volatile Snapshot snapshot;

  /** Null while open; otherwise why the store is unusable ("closed", "failed: ..."). */
  private volatile String closedReason;

  private MvStoreMappingStore(
      Path file,
      MVStore mvStore,
      MVMap<String, byte[]> records,
      MVMap<String, Long> meta,
      Snapshot snapshot,
      long nextIndex) {
    this.file = file;
    this.mvStore = mvStore;
    this.records = records;
    this.meta = meta;
    this.snapshot = snapshot;
    this.nextIndex = nextIndex;
    this.listeners = new MappingListeners("mapping store " + file);
  }

  /**
   * Opens the store kept in {@code file}, creating the file if it does not exist. The parent
   * directory must exist.
   *
   * @throws MappingStoreException with one clear line if the directory is missing, the file is in
   *     use by another Ferry (another process, or another store in this JVM), cannot be read or
   *     written, is corrupt, or was written by a newer Ferry
   */
  public static MvStoreMappingStore open(Path file) {
    Objects.requireNonNull(file, "file");
    Path path = realPath(file);
    checkUsable(path);
    if (!OPEN_FILES.add(path)) {
      throw inUse(path, null);
    }
    MVStore mv = null;
    try {
      boolean existed = Files.exists(path);
      mv = openMvStore(path);
      MvStoreMappingStore store = load(path, mv);
      if (!existed) {
        syncDirectory(path.getParent());
      }
      LOG.info(
          "opened mapping store {}: {} mappings, next export index {}",
          path,
          store.snapshot.sorted().size(),
          store.nextIndex);
      return store;
    } catch (RuntimeException e) {
      if (mv != null) {
        mv.closeImmediately();
      }
      OPEN_FILES.remove(path);
      throw e;
    }
  }

  /** The state file. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<ExportMapping> get(String name) {
    Objects.requireNonNull(name, "name");
    ensureOpen();
    return Optional.ofNullable(snapshot.byName().get(name));
  }

  @Override
  public List<ExportMapping> list() {
    ensureOpen();
    return snapshot.sorted();
  }

  @Override
  public ExportMapping create(ExportMapping draft) throws MappingConflictException {
    Objects.requireNonNull(draft, "draft");
    String name = draft.name();
    return write(
        "create",
        () -> {
          Snapshot current = snapshot;
          ExportMapping existing = current.byName().get(name);
          if (existing != null) {
            throw new MappingConflictException(
                Kind.EXISTS,
                "export '"
                    + name
                    + "' exists already (index "
                    + existing.exportIndex()
                    + ", version "
                    + existing.version()
                    + "); export names are unique");
          }
          long index = nextIndex;
          if (index > Integer.MAX_VALUE) {
            throw new MappingStoreException(
                "state file " + file + ": export indexes are exhausted; indexes are never reused");
          }
          ExportMapping stored = draft.withIdentity((int) index, 1);
          byte[] record = MappingRecordCodec.encode(stored);
          writeDurably(
              "the create of export '" + name + "'",
              () -> {
                meta.put(META_NEXT_INDEX, index + 1);
                records.put(name, record);
              });
          nextIndex = index + 1;
          publish(current.with(stored), new MappingEvent(MappingEvent.Kind.CREATED, name, stored));
          return stored;
        });
  }

  @Override
  public ExportMapping compareAndSet(long expectedVersion, ExportMapping updated)
      throws MappingConflictException {
    Objects.requireNonNull(updated, "updated");
    String name = updated.name();
    return write(
        "compareAndSet",
        () -> {
          Snapshot current = snapshot;
          ExportMapping existing = current.byName().get(name);
          if (existing == null) {
            checkNotRename(current, updated);
            throw new MappingConflictException(
                Kind.NOT_FOUND,
                "no export named '"
                    + name
                    + "' (compare-and-set expected version "
                    + expectedVersion
                    + ")");
          }
          if (existing.exportIndex() != updated.exportIndex()) {
            throw new IllegalArgumentException(
                "compareAndSet cannot change the export index of '"
                    + name
                    + "' from "
                    + existing.exportIndex()
                    + " to "
                    + updated.exportIndex()
                    + ": the store assigns the index on create and it never changes; start from the"
                    + " stored mapping (get, then with...)");
          }
          checkVersion(existing, expectedVersion, "compare-and-set");
          ExportMapping stored = updated.withIdentity(existing.exportIndex(), expectedVersion + 1);
          byte[] record = MappingRecordCodec.encode(stored);
          writeDurably("an update of export '" + name + "'", () -> records.put(name, record));
          publish(current.with(stored), new MappingEvent(MappingEvent.Kind.UPDATED, name, stored));
          return stored;
        });
  }

  @Override
  public void delete(String name, long expectedVersion) throws MappingConflictException {
    Objects.requireNonNull(name, "name");
    write(
        "delete",
        () -> {
          Snapshot current = snapshot;
          ExportMapping existing = current.byName().get(name);
          if (existing == null) {
            throw new MappingConflictException(
                Kind.NOT_FOUND,
                "no export named '" + name + "' (delete expected version " + expectedVersion + ")");
          }
          checkVersion(existing, expectedVersion, "delete");
          writeDurably("the delete of export '" + name + "'", () -> records.remove(name));
          publish(current.without(name), new MappingEvent(MappingEvent.Kind.DELETED, name, null));
          return null;
        });
  }

  @Override
  public AutoCloseable watch(MappingListener listener) {
    Objects.requireNonNull(listener, "listener");
    ensureOpen();
    return listeners.add(listener);
  }

  /** Closes the file and unregisters every listener. Idempotent. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closedReason != null) {
        return;
      }
      closedReason = "closed";
      listeners.clear();
      try {
        mvStore.close();
      } catch (RuntimeException e) {
        // Every write was committed and forced already; nothing is lost.
        LOG.warn("closing state file {} failed: {}", file, e.toString());
        mvStore.closeImmediately();
      } finally {
        OPEN_FILES.remove(file);
      }
      LOG.info("closed mapping store {}", file);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "MvStoreMappingStore[" + file + "]";
  }

  // ---- writes ----

  /** The body of a write: runs under {@link #writeLock} on an open store. */
  @FunctionalInterface
  private interface WriteAction<T> {
    T run() throws MappingConflictException;
  }

  private <T> T write(String operation, WriteAction<T> action) throws MappingConflictException {
    if (writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException(
          "a MappingListener must not write to the mapping store ("
              + operation
              + " called from inside onEvent): events must be delivered in write order");
    }
    writeLock.lock();
    try {
      ensureOpen();
      return action.run();
    } finally {
      writeLock.unlock();
    }
  }

  private static void checkVersion(ExportMapping existing, long expectedVersion, String operation)
      throws MappingConflictException {
    if (existing.version() != expectedVersion) {
      throw new MappingConflictException(
          Kind.VERSION,
          "export '"
              + existing.name()
              + "' is at version "
              + existing.version()
              + ", not "
              + expectedVersion
              + ": it changed since it was read; read it again before the "
              + operation);
    }
  }

  /** An update naming a missing export but carrying another export's index is a rename. */
  private static void checkNotRename(Snapshot current, ExportMapping updated) {
    for (ExportMapping m : current.sorted()) {
      if (m.exportIndex() == updated.exportIndex()) {
        throw new IllegalArgumentException(
            "compareAndSet cannot rename export '"
                + m.name()
                + "' (index "
                + m.exportIndex()
                + ") to '"
                + updated.name()
                + "': the name identifies the mapping; delete and create instead");
      }
    }
  }

  /** Applies {@code change} to the maps, commits and forces; on any failure the store closes. */
  private void writeDurably(String what, Runnable change) {
    try {
      change.run();
      mvStore.commit();
      mvStore.sync();
    } catch (RuntimeException e) {
      fail(e);
      throw new MappingStoreException(
          "state file "
              + file
              + ": could not make "
              + what
              + " durable, so the store has closed itself; restart Ferry ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private void publish(Snapshot next, MappingEvent event) {
    snapshot = next;
    listeners.deliver(event);
  }

  private void fail(RuntimeException cause) {
    LOG.error("state file {}: a write failed; closing the mapping store", file, cause);
    closedReason = "closed after a failed write (" + cause.getMessage() + ")";
    listeners.clear();
    mvStore.closeImmediately();
    OPEN_FILES.remove(file);
  }

  private void ensureOpen() {
    String reason = closedReason;
    if (reason != null) {
      throw new MappingStoreException("mapping store " + file + " is " + reason);
    }
  }

  // ---- opening ----

  private static Path realPath(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Path fileName = absolute.getFileName();
    if (parent == null || fileName == null) {
      throw new MappingStoreException(
          "state file " + absolute + " is not a file path inside a directory");
    }
    if (!Files.isDirectory(parent)) {
      throw new MappingStoreException(
          "cannot open state file "
              + absolute
              + ": directory "
              + parent
              + " does not exist; create Ferry's state directory first");
    }
    try {
      // Real paths, so that two names for one file (symlinks) meet in OPEN_FILES.
      Path path = parent.toRealPath().resolve(fileName);
      return Files.exists(path) ? path.toRealPath() : path;
    } catch (IOException e) {
      throw new MappingStoreException(
          "cannot open state file " + absolute + ": cannot resolve directory " + parent, e);
    }
  }

  private static void checkUsable(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    if (!Files.isRegularFile(path)) {
      throw new MappingStoreException(
          "cannot open state file " + path + ": it exists and is not a regular file");
    }
    if (!Files.isReadable(path) || !Files.isWritable(path)) {
      throw new MappingStoreException(
          "cannot open state file "
              + path
              + ": this process cannot both read and write it; fix its owner or permissions");
    }
  }

  private static MVStore openMvStore(Path path) {
    MVStore mv;
    try {
      mv = new MVStore.Builder().fileName(path.toString()).autoCommitDisabled().cacheSize(1).open();
    } catch (MVStoreException e) {
      if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        throw inUse(path, e);
      }
      throw unusable(path, e);
    } catch (RuntimeException e) {
      throw unusable(path, e);
    }
    if (mv.isReadOnly()) {
      mv.closeImmediately();
      throw new MappingStoreException(
          "cannot open state file " + path + ": it opened read-only; fix its permissions");
    }
    return mv;
  }

  /** Opens the maps, checks the format, decodes every record; creates the layout in a new file. */
  private static MvStoreMappingStore load(Path path, MVStore mv) {
    try {
      Set<String> mapNames = mv.getMapNames();
      boolean fresh = mapNames.isEmpty();
      if (!fresh && !mapNames.contains(META_MAP)) {
        throw new MappingStoreException(
            "state file "
                + path
                + " is an MVStore file but not a Ferry mapping store (it holds maps "
                + new TreeSet<>(mapNames)
                + ")");
      }
      MVMap<String, Long> meta =
          mv.openMap(
              META_MAP,
              new MVMap.Builder<String, Long>()
                  .keyType(StringDataType.INSTANCE)
                  .valueType(LongDataType.INSTANCE));
      MVMap<String, byte[]> records =
          mv.openMap(
              MAPPINGS_MAP,
              new MVMap.Builder<String, byte[]>()
                  .keyType(StringDataType.INSTANCE)
                  .valueType(ByteArrayDataType.INSTANCE));
      if (fresh) {
        meta.put(META_FORMAT, FILE_FORMAT);
        meta.put(META_NEXT_INDEX, 1L);
        mv.commit();
        mv.sync();
        return new MvStoreMappingStore(path, mv, records, meta, Snapshot.of(new TreeMap<>()), 1);
      }
      checkFormat(path, meta.get(META_FORMAT));
      Long next = meta.get(META_NEXT_INDEX);
      if (next == null || next < 1) {
        throw corrupt(path, "the next export index is " + next);
      }
      TreeMap<String, ExportMapping> byName = new TreeMap<>();
      Map<Integer, String> byIndex = new HashMap<>();
      for (Map.Entry<String, byte[]> entry : records.entrySet()) {
        String name = entry.getKey();
        ExportMapping m;
        try {
          m = MappingRecordCodec.decode(entry.getValue());
        } catch (MappingRecordCodec.RecordFormatException e) {
          throw new MappingStoreException(
              "state file "
                  + path
                  + ": the record of export '"
                  + name
                  + "' is unreadable: "
                  + e.getMessage(),
              e);
        }
        if (!m.name().equals(name)) {
          throw corrupt(path, "the record stored as '" + name + "' names '" + m.name() + "'");
        }
        String other = byIndex.put(m.exportIndex(), name);
        if (other != null) {
          throw corrupt(
              path, "exports '" + other + "' and '" + name + "' share index " + m.exportIndex());
        }
        if (m.exportIndex() >= next) {
          throw corrupt(
              path,
              "export '"
                  + name
                  + "' has index "
                  + m.exportIndex()
                  + " but the next index to assign is "
                  + next);
        }
        byName.put(name, m);
      }
      return new MvStoreMappingStore(path, mv, records, meta, Snapshot.of(byName), next);
    } catch (MappingStoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw unusable(path, e);
    }
  }

  private static void checkFormat(Path path, Long format) {
    if (format == null || format < 1) {
      throw corrupt(path, "the file format is " + format);
    }
    if (format > FILE_FORMAT) {
      throw new MappingStoreException(
          "state file "
              + path
              + " has format "
              + format
              + ", newer than this Ferry reads (up to "
              + FILE_FORMAT
              + "); it was written by a newer Ferry");
    }
  }

  /** Makes the new file's directory entry durable; best effort (not every platform can). */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot sync directory {} (not supported here?): {}", dir, e.toString());
    }
  }

  private static MappingStoreException inUse(Path path, Throwable cause) {
    return new MappingStoreException(
        "state file "
            + path
            + " is in use by another Ferry (another process, or another store in this JVM, has it"
            + " open); stop that one or give this one its own state directory",
        cause);
  }

  private static MappingStoreException unusable(Path path, RuntimeException cause) {
    return new MappingStoreException(
        "state file "
            + path
            + " cannot be read as a Ferry mapping store: it is corrupt, truncated or not a"
            + " mapping-store file ("
            + cause.getMessage()
            + "); restore it from a backup",
        cause);
  }

  private static MappingStoreException corrupt(Path path, String what) {
    return new MappingStoreException(
        "state file " + path + " is corrupt: " + what + "; restore it from a backup");
  }

  /** The committed table as readers see it; immutable. */
  private record Snapshot(NavigableMap<String, ExportMapping> byName, List<ExportMapping> sorted) {
    static Snapshot of(TreeMap<String, ExportMapping> byName) {
      return new Snapshot(
          Collections.unmodifiableNavigableMap(byName), List.copyOf(byName.values()));
    }

    Snapshot with(ExportMapping mapping) {
      TreeMap<String, ExportMapping> copy = new TreeMap<>(byName);
      copy.put(mapping.name(), mapping);
      return of(copy);
    }

    Snapshot without(String name) {
      TreeMap<String, ExportMapping> copy = new TreeMap<>(byName);
      copy.remove(name);
      return of(copy);
    }
  }
}
