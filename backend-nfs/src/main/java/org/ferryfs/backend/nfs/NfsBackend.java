package org.ferryfs.backend.nfs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.ferryfs.backend.Backend;
import org.ferryfs.backend.BackendCapabilities;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendPaths;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.client.MountClient;
import org.ferryfs.nfs.client.Nfs3Client;
import org.ferryfs.nfs.client.Nfs3Exception;
import org.ferryfs.nfs.v3.xdr.FSINFO3res;
import org.ferryfs.nfs.v3.xdr.Fattr3;
import org.ferryfs.nfs.v3.xdr.Ftype3;
import org.ferryfs.nfs.v3.xdr.LOOKUP3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.PATHCONF3res;
import org.ferryfs.nfs.v3.xdr.Sattr3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NFSv3 server export, mounted once when the backend opens (MNT, RFC 1813 §5.2.1), reached over
 * one {@link Nfs3Client} connection that every export and handle of this backend shares (calls
 * overlap on it; it reconnects by itself after a drop). Created by {@link NfsDriver}.
 *
 * <p>Ferry exports are directories below the mounted path, found by LOOKUP from the mount's root
 * handle (never following a symbolic link). The server's limits come from FSINFO and PATHCONF of
 * the root (RFC 1813 §3.3.19, §3.3.20): READ and WRITE sizes, link and symlink support, name
 * length.
 */
public final class NfsBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(NfsBackend.class);

  /**
   * Largest READ or WRITE sent, whatever the server offers (ganesha 4 offers 64 MiB): 1 MiB keeps
   * the memory of one call in flight small and is already past the size where larger requests stop
   * paying off on one connection.
   */
  static final int MAX_IO = 1 << 20;

  private final String name;
  private final URI url;
  private final NfsUrl where;
  private final int mountPort;
  private final RpcAuth auth;
  private final Duration timeout;
  private final Nfs3Client nfs;
  private final int readSize;
  private final int writeSize;
  private final BackendCapabilities capabilities;
  private final Set<NfsBackendExport> exports = ConcurrentHashMap.newKeySet();
  private volatile NfsFh3 mountRoot;

  /** Buffers of WRITEs sent behind, for all files of this backend ({@link NfsFileIo}). */
  private final IoBuffers writeBuffers;

  /** Buffers of READs sent ahead; read-ahead only takes a free one, never waits. */
  private final IoBuffers readBuffers;

  /** Direct memory of write-behind, and separately of read-ahead, per backend: 16 MiB each. */
  static final int IO_BUFFERS = 16;

  private NfsBackend(
      BackendConfig config,
      NfsUrl where,
      int mountPort,
      RpcAuth auth,
      Nfs3Client nfs,
      NfsFh3 mountRoot,
      int readSize,
      int writeSize,
      BackendCapabilities capabilities) {
    this.name = config.name();
    this.url = config.url();
    this.where = where;
    this.mountPort = mountPort;
    this.auth = auth;
    this.timeout = config.callTimeout();
    this.nfs = nfs;
    this.mountRoot = mountRoot;
    this.readSize = readSize;
    this.writeSize = writeSize;
    this.capabilities = capabilities;
    int chunk = Math.max(readSize, writeSize);
    this.writeBuffers = new IoBuffers(chunk, Math.max(1, IO_BUFFERS * (1 << 20) / chunk));
    this.readBuffers = new IoBuffers(chunk, Math.max(1, IO_BUFFERS * (1 << 20) / chunk));
  }

  /**
   * The I/O state ({@link NfsFileIo}) of every file with an open handle, and of closed ones whose
   * write-behind failed and was not reported yet, by server file handle: all handles on one file,
   * in every export of this backend (two exports may overlap), share it.
   */
  private final ConcurrentHashMap<NfsFh3, NfsFileIo> files = new ConcurrentHashMap<>();

  ConcurrentHashMap<NfsFh3, NfsFileIo> files() {
    return files;
  }

  IoBuffers writeBuffers() {
    return writeBuffers;
  }

  IoBuffers readBuffers() {
    return readBuffers;
  }

  static NfsBackend open(BackendConfig config, NfsUrl where, int mountPort, RpcAuth auth, int uid)
      throws BackendException {
    String name = config.name();
    String context = "backend '" + name + "'";
    NfsFh3 root = mount(name, where, mountPort, auth, config.callTimeout());
    Nfs3Client nfs;
    try {
      nfs =
          new Nfs3Client(
              new InetSocketAddress(where.host(), where.port()), auth, config.callTimeout());
    } catch (IOException e) {
      throw new BackendException(
          BackendStatus.UNAVAILABLE,
          context
              + ": cannot connect to NFS at "
              + where.host()
              + ":"
              + where.port()
              + ": "
              + e.getMessage(),
          e);
    }
    try {
      FSINFO3res info = nfs.fsinfo(root);
      PATHCONF3res conf = nfs.pathconf(root);
      int rtmax = clampIo(info.rtmax());
      int wtmax = clampIo(info.wtmax());
      int nameMax = conf.nameMax() <= 0 ? 255 : Math.min(conf.nameMax(), Nfs3Limits.NAME_MAX);
      boolean privileged = uid == 0;
      BackendCapabilities caps =
          new BackendCapabilities(
              (info.properties() & FSINFO3res.FSF3_SYMLINK) != 0,
              (info.properties() & FSINFO3res.FSF3_LINK) != 0,
              privileged,
              privileged,
              true,
              !conf.caseInsensitive(),
              nameMax,
              info.maxfilesize() <= 0 ? Long.MAX_VALUE : info.maxfilesize(),
              // NFSv3 SETATTR of a link's times works on some servers and is ignored by others
              // (nfs-ganesha VFS); nothing in FSINFO tells, so the driver never claims it
              false);
      LOG.info(
          "backend {}: NFSv3 {}:{}{} (mount port {}), READ {} / WRITE {} bytes, {}",
          name,
          where.host(),
          where.port(),
          where.exportPath(),
          mountPort,
          rtmax,
          wtmax,
          caps);
      return new NfsBackend(config, where, mountPort, auth, nfs, root, rtmax, wtmax, caps);
    } catch (IOException e) {
      closeQuietly(nfs);
      throw NfsErrors.map(e, context + ": FSINFO/PATHCONF of " + where.exportPath());
    }
  }

  private static int clampIo(int offered) {
    if (offered <= 0) {
      return 32 * 1024; // a server that offers nothing sensible: a size every server takes
    }
    return Math.min(offered, MAX_IO);
  }

  /** MNT of the export path: the root handle. */
  private static NfsFh3 mount(
      String name, NfsUrl where, int mountPort, RpcAuth auth, Duration timeout)
      throws BackendException {
    String context =
        "backend '"
            + name
            + "': MNT "
            + where.exportPath()
            + " at "
            + where.host()
            + ":"
            + mountPort;
    try (MountClient mnt =
        new MountClient(new InetSocketAddress(where.host(), mountPort), auth, timeout)) {
      return mnt.mount(where.exportPath());
    } catch (org.ferryfs.nfs.client.MountException e) {
      BackendStatus status = NfsErrors.mountStatus(e.status());
      String why =
          switch (status) {
            case NOT_FOUND -> "the server exports no such path";
            case ACCESS_DENIED, NOT_OWNER -> "the server refuses this client or identity";
            default -> e.getMessage();
          };
      throw new BackendException(status, context + ": " + why, e);
    } catch (IOException e) {
      throw NfsErrors.map(e, context);
    }
  }

  /** MNT again (the root handle went stale: the server changed its handles). */
  NfsFh3 remount() throws BackendException {
    NfsFh3 root = mount(name, where, mountPort, auth, timeout);
    mountRoot = root;
    LOG.info("backend {}: mounted {} again", name, where.exportPath());
    return root;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public URI url() {
    return url;
  }

  Nfs3Client nfs() {
    return nfs;
  }

  int readSize() {
    return readSize;
  }

  int writeSize() {
    return writeSize;
  }

  BackendCapabilities capabilities() {
    return capabilities;
  }

  /** The connections made to the NFS server so far (more than 1 after reconnects). */
  public long connects() {
    return nfs.connects();
  }

  @Override
  public BackendExport export(String path, boolean createIfMissing) throws BackendException {
    List<String> components = exportComponents(path);
    NfsFh3 root = resolveExport(components, createIfMissing, false);
    String description = where.exportPath().equals("/") ? "" : where.exportPath();
    description =
        "nfs://"
            + where.host()
            + ":"
            + where.port()
            + description
            + (components.isEmpty() ? "" : path);
    NfsBackendExport[] holder = new NfsBackendExport[1];
    NfsBackendExport export =
        new NfsBackendExport(this, components, root, description, () -> exports.remove(holder[0]));
    holder[0] = export;
    exports.add(export);
    return export;
  }

  /**
   * The handle of the export directory {@code components} below the mount root, made with MKDIR
   * where missing if {@code create}; with {@code remount}, MNT first.
   */
  NfsFh3 resolveExport(List<String> components, boolean create, boolean remount)
      throws BackendException {
    NfsFh3 dir = remount ? remount() : mountRoot;
    String context = "backend '" + name + "': export /" + BackendPaths.join(components);
    try {
      for (int i = 0; i < components.size(); i++) {
        String component = components.get(i);
        String shown = "/" + BackendPaths.join(components.subList(0, i + 1));
        Fattr3 attributes;
        NfsFh3 next;
        try {
          LOOKUP3res r = nfs.lookup(dir, component);
          next = r.object();
          attributes =
              r.objAttributes().present() ? r.objAttributes().attributes() : nfs.getattr(next);
        } catch (Nfs3Exception e) {
          if (e.status() != Nfsstat3.NFS3ERR_NOENT) {
            throw e;
          }
          if (!create) {
            throw new BackendException(
                BackendStatus.NOT_FOUND, context + ": directory " + shown + " does not exist");
          }
          NfsFh3 made = mkdirForExport(dir, component);
          next = made != null ? made : nfs.lookup(dir, component).object();
          attributes = nfs.getattr(next);
          LOG.info("backend {}: created export directory {}", name, shown);
        }
        if (attributes.type() == Ftype3.NF3LNK) {
          throw new BackendException(
              BackendStatus.SYMLINK_LOOP,
              context
                  + ": "
                  + shown
                  + " is a symbolic link; an export path must name real directories");
        }
        if (attributes.type() != Ftype3.NF3DIR) {
          throw new BackendException(
              BackendStatus.NOT_DIRECTORY, context + ": " + shown + " is not a directory");
        }
        dir = next;
      }
      return dir;
    } catch (IOException e) {
      throw NfsErrors.map(e, context);
    }
  }

  /** MKDIR 0755; {@code null} if another client made it meanwhile. */
  private NfsFh3 mkdirForExport(NfsFh3 dir, String component) throws IOException {
    try {
      return nfs.mkdir(dir, component, new Sattr3(0755, null, null, null, null, null))
          .obj()
          .handle();
    } catch (Nfs3Exception e) {
      if (e.status() == Nfsstat3.NFS3ERR_EXIST) {
        return null;
      }
      throw e;
    }
  }

  static List<String> exportComponents(String path) throws BackendException {
    if (path == null || !path.startsWith("/")) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          "export path '" + path + "' must be absolute inside the backend, e.g. /alpha");
    }
    return path.equals("/") ? List.of() : BackendPaths.split(path.substring(1));
  }

  /** NFSPROC3_NULL: cheap, bounded by the call timeout. */
  @Override
  public void probe() throws BackendException {
    try {
      nfs.ping();
    } catch (IOException e) {
      BackendException mapped = NfsErrors.map(e, "backend '" + name + "': probe");
      BackendStatus status =
          mapped.status() == BackendStatus.TIMED_OUT
              ? BackendStatus.TIMED_OUT
              : BackendStatus.UNAVAILABLE;
      throw new BackendException(status, mapped.getMessage(), e);
    }
  }

  @Override
  public void close() {
    for (NfsBackendExport e : new ArrayList<>(exports)) {
      e.close();
    }
    exports.clear();
    LOG.info("backend '{}': NFS calls sent: {}", name, callCounts());
    closeQuietly(nfs);
  }

  private static final String[] PROCEDURES = {
    "NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ", "WRITE", "CREATE",
    "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR", "READDIRPLUS",
    "FSSTAT", "FSINFO", "PATHCONF", "COMMIT"
  };

  /** The calls sent so far by procedure, e.g. {@code LOOKUP=12 READ=3} (diagnostics). */
  String callCounts() {
    StringBuilder b = new StringBuilder();
    for (int p = 0; p < PROCEDURES.length; p++) {
      long n = nfs.calls(p);
      if (n > 0) {
        b.append(b.isEmpty() ? "" : " ").append(PROCEDURES[p]).append('=').append(n);
      }
    }
    return b.toString();
  }

  private static void closeQuietly(Nfs3Client c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the NFS client: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "NfsBackend[" + name + " " + url + "]";
  }
}
