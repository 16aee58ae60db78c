package org.ferryfs.nfs.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.ferryfs.nfs.mount.xdr.Dirpath;
import org.ferryfs.nfs.mount.xdr.Exportnode;
import org.ferryfs.nfs.mount.xdr.Mount3Limits;
import org.ferryfs.nfs.mount.xdr.Mountbody;
import org.ferryfs.nfs.mount.xdr.Mountres3;
import org.ferryfs.nfs.mount.xdr.Mountstat3;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.xdr.Empty;

/** A MOUNT v3 client (RFC 1813 §5) over TCP. */
public final class MountClient implements AutoCloseable {

  private final RpcClient rpc;

  public MountClient(InetSocketAddress server, RpcAuth auth, Duration timeout) throws IOException {
    this.rpc = new RpcClient(server, Mount3Limits.PROGRAM, Mount3Limits.VERSION, auth, timeout);
  }

  /** MOUNTPROC3_NULL. */
  public void ping() throws IOException {
    rpc.call(0, Empty.INSTANCE, Empty::decode);
  }

  /**
   * MOUNTPROC3_MNT: the root handle of {@code path}.
   *
   * @throws MountException for an error status
   */
  public NfsFh3 mount(String path) throws IOException {
    Mountres3 res = mountRaw(path);
    if (res.status() != Mountstat3.MNT3_OK) {
      throw new MountException(path, res.status());
    }
    return res.fhandle();
  }

  /** MOUNTPROC3_MNT, returning the result whatever its status. */
  public Mountres3 mountRaw(String path) throws IOException {
    return rpc.call(1, new Dirpath(path), Mountres3::decode);
  }

  /** MOUNTPROC3_DUMP. */
  public List<Mountbody> dump() throws IOException {
    return rpc.call(2, Empty.INSTANCE, Mountbody.Mountlist::decode).mounts();
  }

  /** MOUNTPROC3_UMNT. */
  public void unmount(String path) throws IOException {
    rpc.call(3, new Dirpath(path), Empty::decode);
  }

  /** MOUNTPROC3_UMNTALL. */
  public void unmountAll() throws IOException {
    rpc.call(4, Empty.INSTANCE, Empty::decode);
  }

  /** MOUNTPROC3_EXPORT. */
  public List<Exportnode> exports() throws IOException {
    return rpc.call(5, Empty.INSTANCE, Exportnode.Exports::decode).exports();
  }

  @Override
  public void close() throws IOException {
    rpc.close();
  }
}
