package org.ferryfs.nfs;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.ferryfs.frontend.FileService;
import org.ferryfs.nfs.handle.HandleCodec;
import org.ferryfs.nfs.mount.MountContext;
import org.ferryfs.nfs.mount.MountProgram;
import org.ferryfs.nfs.mount.MountTable;
import org.ferryfs.nfs.mount.xdr.Mount3Limits;
import org.ferryfs.nfs.rpc.ProgramTable;
import org.ferryfs.nfs.rpc.RpcServer;
import org.ferryfs.nfs.rpc.RpcServerConfig;
import org.ferryfs.nfs.rpc.portmap.Mapping;
import org.ferryfs.nfs.rpc.portmap.PortmapProgram;
import org.ferryfs.nfs.v3.Nfs3Context;
import org.ferryfs.nfs.v3.Nfs3Program;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;

/**
 * Ferry's NFS front end: NFSv3 (program 100003) and MOUNT v3 (program 100005) on one TCP port,
 * optionally a portmapper (program 100000 v2) on another, all talking to the core through {@link
 * FileService} only.
 *
 * <pre>
 * try (NfsServer nfs = new NfsServer(files, NfsServerConfig.of(loopback, 0))) {
 *   nfs.start();
 *   int port = nfs.port();
 *   ...
 * }
 * </pre>
 */
public final class NfsServer implements AutoCloseable {

  private final NfsServerConfig config;
  private final RpcServer nfs;
  private RpcServer portmap;
  private boolean started;

  public NfsServer(FileService files, NfsServerConfig config) {
    Objects.requireNonNull(files, "files");
    this.config = Objects.requireNonNull(config, "config");
    HandleCodec handles = new HandleCodec(files.handleSecret());
    ProgramTable programs =
        ProgramTable.of(
            new Nfs3Program(new Nfs3Context(files, handles)),
            new MountProgram(new MountContext(files, handles, new MountTable())));
    this.nfs =
        new RpcServer("ferry-nfs", RpcServerConfig.of(config.address(), config.port()), programs);
  }

  /** Binds and starts serving; then the portmapper, if configured. */
  public synchronized void start() throws IOException {
    if (started) {
      throw new IllegalStateException("the NFS server is already started");
    }
    nfs.start();
    started = true;
    if (config.portmapPort().isPresent()) {
      int port = nfs.port();
      AtomicReference<RpcServer> self = new AtomicReference<>();
      PortmapProgram program =
          new PortmapProgram(
              () -> self.get().port(),
              List.of(
                  new Mapping(Nfs3Limits.PROGRAM, Nfs3Limits.VERSION, Mapping.IPPROTO_TCP, port),
                  new Mapping(
                      Mount3Limits.PROGRAM, Mount3Limits.VERSION, Mapping.IPPROTO_TCP, port)));
      RpcServer pm =
          new RpcServer(
              "ferry-portmap",
              RpcServerConfig.of(config.address(), config.portmapPort().getAsInt()),
              ProgramTable.of(program));
      self.set(pm);
      try {
        pm.start();
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
      portmap = pm;
    }
  }

  /** The NFS and MOUNT port; valid after {@link #start()}. */
  public int port() {
    return nfs.port();
  }

  /**
   * I/O buffers leased right now by the NFS/MOUNT server: zero when it is idle (tests, metrics).
   */
  public int leasedBuffers() {
    return nfs.leasedBuffers();
  }

  /** The portmapper's port; valid after {@link #start()} if one was configured. */
  public synchronized int portmapPort() {
    if (portmap == null) {
      throw new IllegalStateException("no portmapper is running");
    }
    return portmap.port();
  }

  /** Stops everything and releases the ports. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    try {
      if (portmap != null) {
        portmap.close();
      }
    } finally {
      portmap = null;
      nfs.close();
    }
  }
}
