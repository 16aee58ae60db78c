package org.ferryfs.core.fs;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.backend.FsStats;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.core.ExportContext;
import org.ferryfs.core.Namespace;
import org.ferryfs.core.handle.HandleMap;
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
import org.ferryfs.mapping.ExportMapping;

/**
 * The core's implementation of the front-end facade. It only routes: each group of operations lives
 * in its own class ({@link MetadataOps}, {@link IoOps}, {@link NameOps}, {@link ListingOps})
 * sharing one {@link CoreContext}.
 */
public final class CoreFileService implements FileService, AutoCloseable {
  private final CoreContext core;
  private final MetadataOps metadata;
  private final IoOps io;
  private final NameOps names;
  private final ListingOps listing;
  private final byte[] handleSecret;
  private final long writeVerifier;

  /**
   * @param handleSecret the state dir's secret (≥ 32 bytes), for handle authentication and cookie
   *     hashing
   * @param writeVerifier this run's write verifier
   * @param maxGateWait how long a request waits at a paused export before answering DELAY
   */
  public CoreFileService(
      Namespace namespace,
      HandleMap handles,
      byte[] handleSecret,
      long writeVerifier,
      Clock clock,
      Duration maxGateWait) {
    if (handleSecret.length < 32) {
      throw new IllegalArgumentException("the handle secret must have at least 32 bytes");
    }
    this.handleSecret = handleSecret.clone();
    this.writeVerifier = writeVerifier;
    this.core =
        new CoreContext(
            namespace,
            handles,
            new OpenFiles(4096, Duration.ofSeconds(30)),
            new DirectoryLister(handleSecret, 256, Duration.ofSeconds(60)),
            clock,
            maxGateWait);
    this.metadata = new MetadataOps(core);
    this.io = new IoOps(core);
    this.names = new NameOps(core);
    this.listing = new ListingOps(core);
  }

  @Override
  public boolean callsAreLocal() {
    return core.namespace.callsAreLocal();
  }

  @Override
  public List<ExportView> exports() {
    List<ExportView> out = new ArrayList<>();
    for (ExportMapping m : core.namespace.mappings()) {
      long root = core.handles.root(m.exportIndex());
      out.add(
          new ExportView(
              m.name(),
              m.exportIndex(),
              new FileRef(m.exportIndex(), root, core.handles.generation()),
              m.readOnly(),
              m.clients()));
    }
    core.handles.commit();
    return out;
  }

  @Override
  public FileRef mount(Caller caller, String path) throws BackendException {
    List<String> parts = new ArrayList<>();
    for (String p : (path == null ? "" : path).split("/")) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    if (parts.isEmpty()) {
      throw new BackendException(BackendStatus.NOT_FOUND, "no export named in '" + path + "'");
    }
    ExportContext export = core.namespace.byName(parts.get(0));
    ObjectResolver.requireAdmitted(caller, export);
    FileRef ref = core.resolver.ref(export, export.rootId());
    for (String name : parts.subList(1, parts.size())) {
      if (NameRules.isDot(name)) {
        throw new BackendException(
            BackendStatus.NOT_FOUND, "'.' and '..' are not allowed in a mount path");
      }
      Lookup l = names.lookup(caller, ref, name);
      if (l.attributes().type() != FileType.DIRECTORY) {
        throw new BackendException(
            BackendStatus.NOT_DIRECTORY, "'" + path + "' is not a directory");
      }
      ref = l.ref();
    }
    return ref;
  }

  @Override
  public ExportView export(FileRef ref) throws BackendException {
    ExportContext e = core.namespace.byIndex(ref.exportIndex());
    return new ExportView(
        e.name(), e.index(), core.resolver.ref(e, e.rootId()), e.readOnly(), e.mapping().clients());
  }

  @Override
  public FileAttributes getattr(Caller caller, FileRef ref) throws BackendException {
    return metadata.getattr(caller, ref);
  }

  @Override
  public FileAttributes setattr(
      Caller caller, FileRef ref, SetAttributes change, Instant guardCtime)
      throws BackendException {
    return metadata.setattr(caller, ref, change, guardCtime);
  }

  @Override
  public Lookup lookup(Caller caller, FileRef dir, String name) throws BackendException {
    return names.lookup(caller, dir, name);
  }

  @Override
  public Granted access(Caller caller, FileRef ref, int requested) throws BackendException {
    return metadata.access(caller, ref, requested);
  }

  @Override
  public String readlink(Caller caller, FileRef ref) throws BackendException {
    return metadata.readlink(caller, ref);
  }

  @Override
  public ReadResult read(Caller caller, FileRef ref, long offset, ByteBuffer dst)
      throws BackendException {
    return io.read(caller, ref, offset, dst);
  }

  @Override
  public WriteResult write(
      Caller caller, FileRef ref, long offset, ByteBuffer src, WriteStability stability)
      throws BackendException {
    return io.write(caller, ref, offset, src, stability);
  }

  @Override
  public FileAttributes commit(Caller caller, FileRef ref, long offset, long count)
      throws BackendException {
    return io.commit(caller, ref);
  }

  @Override
  public long writeVerifier() {
    return writeVerifier;
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
    return names.create(caller, dir, name, mode, initial, verifier);
  }

  @Override
  public Created mkdir(Caller caller, FileRef dir, String name, SetAttributes initial)
      throws BackendException {
    return names.mkdir(caller, dir, name, initial);
  }

  @Override
  public Created symlink(
      Caller caller, FileRef dir, String name, String target, SetAttributes initial)
      throws BackendException {
    return names.symlink(caller, dir, name, target, initial);
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
    return names.mknod(caller, dir, name, type, major, minor, initial);
  }

  @Override
  public FileAttributes remove(Caller caller, FileRef dir, String name) throws BackendException {
    return names.remove(caller, dir, name);
  }

  @Override
  public FileAttributes rmdir(Caller caller, FileRef dir, String name) throws BackendException {
    return names.rmdir(caller, dir, name);
  }

  @Override
  public Renamed rename(
      Caller caller, FileRef fromDir, String fromName, FileRef toDir, String toName)
      throws BackendException {
    return names.rename(caller, fromDir, fromName, toDir, toName);
  }

  @Override
  public Created link(Caller caller, FileRef file, FileRef dir, String name)
      throws BackendException {
    return names.link(caller, file, dir, name);
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
    return listing.readdir(caller, dir, cookie, verifier, maxEntries, withAttributes);
  }

  @Override
  public FsStats fsstat(Caller caller, FileRef ref) throws BackendException {
    return metadata.fsstat(caller, ref);
  }

  @Override
  public PathConf pathconf(Caller caller, FileRef ref) throws BackendException {
    return metadata.pathconf(caller, ref);
  }

  @Override
  public byte[] handleSecret() {
    return handleSecret.clone();
  }

  /** Backend files the data path holds open for an export. */
  public long openFiles(int exportIndex) {
    return core.openFiles.openFor(exportIndex);
  }

  /** Closes cached backend handles of objects of an export (after a removal or a move). */
  public void evictOpenFiles() {
    core.openFiles.evictAll();
  }

  @Override
  public void close() {
    core.openFiles.close();
  }
}
