package org.ferryfs.nfs.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.ferryfs.nfs.v3.xdr.ACCESS3args;
import org.ferryfs.nfs.v3.xdr.ACCESS3res;
import org.ferryfs.nfs.v3.xdr.COMMIT3args;
import org.ferryfs.nfs.v3.xdr.COMMIT3res;
import org.ferryfs.nfs.v3.xdr.CREATE3args;
import org.ferryfs.nfs.v3.xdr.CREATE3res;
import org.ferryfs.nfs.v3.xdr.Createhow3;
import org.ferryfs.nfs.v3.xdr.Diropargs3;
import org.ferryfs.nfs.v3.xdr.FSINFO3args;
import org.ferryfs.nfs.v3.xdr.FSINFO3res;
import org.ferryfs.nfs.v3.xdr.FSSTAT3args;
import org.ferryfs.nfs.v3.xdr.FSSTAT3res;
import org.ferryfs.nfs.v3.xdr.Fattr3;
import org.ferryfs.nfs.v3.xdr.Ftype3;
import org.ferryfs.nfs.v3.xdr.GETATTR3args;
import org.ferryfs.nfs.v3.xdr.GETATTR3res;
import org.ferryfs.nfs.v3.xdr.LINK3args;
import org.ferryfs.nfs.v3.xdr.LINK3res;
import org.ferryfs.nfs.v3.xdr.LOOKUP3args;
import org.ferryfs.nfs.v3.xdr.LOOKUP3res;
import org.ferryfs.nfs.v3.xdr.MKDIR3args;
import org.ferryfs.nfs.v3.xdr.MKDIR3res;
import org.ferryfs.nfs.v3.xdr.MKNOD3args;
import org.ferryfs.nfs.v3.xdr.MKNOD3res;
import org.ferryfs.nfs.v3.xdr.NULL3args;
import org.ferryfs.nfs.v3.xdr.NULL3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.Nfstime3;
import org.ferryfs.nfs.v3.xdr.PATHCONF3args;
import org.ferryfs.nfs.v3.xdr.PATHCONF3res;
import org.ferryfs.nfs.v3.xdr.READ3args;
import org.ferryfs.nfs.v3.xdr.READ3res;
import org.ferryfs.nfs.v3.xdr.READDIR3args;
import org.ferryfs.nfs.v3.xdr.READDIR3res;
import org.ferryfs.nfs.v3.xdr.READDIRPLUS3args;
import org.ferryfs.nfs.v3.xdr.READDIRPLUS3res;
import org.ferryfs.nfs.v3.xdr.READLINK3args;
import org.ferryfs.nfs.v3.xdr.READLINK3res;
import org.ferryfs.nfs.v3.xdr.REMOVE3args;
import org.ferryfs.nfs.v3.xdr.REMOVE3res;
import org.ferryfs.nfs.v3.xdr.RENAME3args;
import org.ferryfs.nfs.v3.xdr.RENAME3res;
import org.ferryfs.nfs.v3.xdr.RMDIR3args;
import org.ferryfs.nfs.v3.xdr.RMDIR3res;
import org.ferryfs.nfs.v3.xdr.SETATTR3args;
import org.ferryfs.nfs.v3.xdr.SETATTR3res;
import org.ferryfs.nfs.v3.xdr.SYMLINK3args;
import org.ferryfs.nfs.v3.xdr.SYMLINK3res;
import org.ferryfs.nfs.v3.xdr.Sattr3;
import org.ferryfs.nfs.v3.xdr.Sattrguard3;
import org.ferryfs.nfs.v3.xdr.Specdata3;
import org.ferryfs.nfs.v3.xdr.StableHow;
import org.ferryfs.nfs.v3.xdr.WRITE3args;
import org.ferryfs.nfs.v3.xdr.WRITE3res;
import org.ferryfs.nfs.xdr.XdrDecoder;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * An NFSv3 client (RFC 1813) over one TCP connection, reusing the server's XDR types: one method
 * per procedure, each returning the procedure's typed result on NFS3_OK and throwing {@link
 * Nfs3Exception} (carrying the {@code nfsstat3} and the failed result) otherwise. Every call has
 * the client's timeout. Thread-safe; calls overlap on the one connection, which is made again after
 * it drops ({@link RpcClient}).
 */
public final class Nfs3Client implements AutoCloseable {

  private final RpcClient rpc;

  /**
   * @param server where NFS listens
   * @param auth credential for every call, e.g. {@link ClientCredentials#sys}
   * @param timeout limit of the connect and of every call
   */
  public Nfs3Client(InetSocketAddress server, RpcAuth auth, Duration timeout) throws IOException {
    this.rpc = new RpcClient(server, Nfs3Limits.PROGRAM, Nfs3Limits.VERSION, auth, timeout);
  }

  /**
   * Calls procedure {@code procedure} with any arguments and returns its result whatever the status
   * (for tests and for callers that want the failed result's wcc data).
   */
  public <R extends Nfs3Res> R callRaw(int procedure, XdrType args, XdrDecoder<R> decoder)
      throws IOException {
    return rpc.call(procedure, args, decoder);
  }

  private <R extends Nfs3Res> R call(
      String name, int procedure, XdrType args, XdrDecoder<R> decoder) throws IOException {
    R res = rpc.call(procedure, args, decoder);
    if (!res.ok()) {
      throw new Nfs3Exception(name, res);
    }
    return res;
  }

  /** NFSPROC3_NULL (0). */
  public void ping() throws IOException {
    call("NULL", 0, NULL3args.INSTANCE, NULL3res::decode);
  }

  /** NFSPROC3_GETATTR (1). */
  public Fattr3 getattr(NfsFh3 object) throws IOException {
    return call("GETATTR", 1, new GETATTR3args(object), GETATTR3res::decode).objAttributes();
  }

  /** NFSPROC3_SETATTR (2); {@code guardCtime} may be {@code null}. */
  public SETATTR3res setattr(NfsFh3 object, Sattr3 change, Nfstime3 guardCtime) throws IOException {
    return call(
        "SETATTR",
        2,
        new SETATTR3args(object, change, new Sattrguard3(guardCtime)),
        SETATTR3res::decode);
  }

  /** NFSPROC3_LOOKUP (3). */
  public LOOKUP3res lookup(NfsFh3 dir, String name) throws IOException {
    return call("LOOKUP", 3, new LOOKUP3args(new Diropargs3(dir, name)), LOOKUP3res::decode);
  }

  /** NFSPROC3_ACCESS (4). */
  public ACCESS3res access(NfsFh3 object, int access) throws IOException {
    return call("ACCESS", 4, new ACCESS3args(object, access), ACCESS3res::decode);
  }

  /** NFSPROC3_READLINK (5): the target. */
  public String readlink(NfsFh3 symlink) throws IOException {
    return call("READLINK", 5, new READLINK3args(symlink), READLINK3res::decode).data();
  }

  /** NFSPROC3_READ (6). */
  public READ3res read(NfsFh3 file, long offset, int count) throws IOException {
    return call(
        "READ", 6, new READ3args(file, offset, Integer.toUnsignedLong(count)), READ3res::decode);
  }

  /**
   * NFSPROC3_READ (6) of up to {@code count} bytes straight into {@code dst} (from its position,
   * which does not move; {@code count} must not exceed its room), without an intermediate copy;
   * completes exceptionally with {@link Nfs3Exception} unless NFS3_OK. {@code dst} must be left
   * alone until the future completes. The result's {@code data} is the filled part of {@code dst}.
   */
  public CompletableFuture<READ3res> readAsync(
      NfsFh3 file, long offset, int count, ByteBuffer dst) {
    if (count > dst.remaining()) {
      throw new IllegalArgumentException(
          "READ of " + count + " bytes into a buffer with room for " + dst.remaining());
    }
    return checked(
        "READ",
        rpc.callAsync(
            6, new READ3args(file, offset, Integer.toUnsignedLong(count)), READ3res.into(dst)));
  }

  /**
   * NFSPROC3_WRITE (7) of all of {@code data}, sent from {@code data} itself (no copy when it is
   * large): the buffer must stay untouched until the future completes, and must not be reused at
   * all if it completes exceptionally (see {@link RpcClient#callAsync}).
   */
  public CompletableFuture<WRITE3res> writeAsync(
      NfsFh3 file, long offset, ByteBuffer data, StableHow stable) {
    return checked(
        "WRITE",
        rpc.callAsync(
            7, new WRITE3args(file, offset, data.remaining(), stable, data), WRITE3res::decode));
  }

  private static <R extends Nfs3Res> CompletableFuture<R> checked(
      String name, CompletableFuture<R> call) {
    return call.thenApply(
        res -> {
          if (!res.ok()) {
            throw new CompletionException(new Nfs3Exception(name, res));
          }
          return res;
        });
  }

  /** Calls of {@code procedure} sent so far (see {@link RpcClient#calls}). */
  public long calls(int procedure) {
    return rpc.calls(procedure);
  }

  /** NFSPROC3_WRITE (7) of all of {@code data}. */
  public WRITE3res write(NfsFh3 file, long offset, ByteBuffer data, StableHow stable)
      throws IOException {
    return call(
        "WRITE",
        7,
        new WRITE3args(file, offset, data.remaining(), stable, data),
        WRITE3res::decode);
  }

  /** NFSPROC3_CREATE (8). */
  public CREATE3res create(NfsFh3 dir, String name, Createhow3 how) throws IOException {
    return call("CREATE", 8, new CREATE3args(new Diropargs3(dir, name), how), CREATE3res::decode);
  }

  /** NFSPROC3_MKDIR (9). */
  public MKDIR3res mkdir(NfsFh3 dir, String name, Sattr3 attributes) throws IOException {
    return call(
        "MKDIR", 9, new MKDIR3args(new Diropargs3(dir, name), attributes), MKDIR3res::decode);
  }

  /** NFSPROC3_SYMLINK (10). */
  public SYMLINK3res symlink(NfsFh3 dir, String name, String target, Sattr3 attributes)
      throws IOException {
    return call(
        "SYMLINK",
        10,
        new SYMLINK3args(new Diropargs3(dir, name), attributes, target),
        SYMLINK3res::decode);
  }

  /** NFSPROC3_MKNOD (11); {@code spec} only for devices. */
  public MKNOD3res mknod(NfsFh3 dir, String name, Ftype3 type, Sattr3 attributes, Specdata3 spec)
      throws IOException {
    return call(
        "MKNOD",
        11,
        new MKNOD3args(new Diropargs3(dir, name), type, attributes, spec),
        MKNOD3res::decode);
  }

  /** NFSPROC3_REMOVE (12). */
  public REMOVE3res remove(NfsFh3 dir, String name) throws IOException {
    return call("REMOVE", 12, new REMOVE3args(new Diropargs3(dir, name)), REMOVE3res::decode);
  }

  /** NFSPROC3_RMDIR (13). */
  public RMDIR3res rmdir(NfsFh3 dir, String name) throws IOException {
    return call("RMDIR", 13, new RMDIR3args(new Diropargs3(dir, name)), RMDIR3res::decode);
  }

  /** NFSPROC3_RENAME (14). */
  public RENAME3res rename(NfsFh3 fromDir, String fromName, NfsFh3 toDir, String toName)
      throws IOException {
    return call(
        "RENAME",
        14,
        new RENAME3args(new Diropargs3(fromDir, fromName), new Diropargs3(toDir, toName)),
        RENAME3res::decode);
  }

  /** NFSPROC3_LINK (15). */
  public LINK3res link(NfsFh3 file, NfsFh3 dir, String name) throws IOException {
    return call("LINK", 15, new LINK3args(file, new Diropargs3(dir, name)), LINK3res::decode);
  }

  /** NFSPROC3_READDIR (16). */
  public READDIR3res readdir(NfsFh3 dir, long cookie, long cookieverf, int count)
      throws IOException {
    return call(
        "READDIR",
        16,
        new READDIR3args(dir, cookie, cookieverf, Integer.toUnsignedLong(count)),
        READDIR3res::decode);
  }

  /** NFSPROC3_READDIRPLUS (17). */
  public READDIRPLUS3res readdirplus(
      NfsFh3 dir, long cookie, long cookieverf, int dircount, int maxcount) throws IOException {
    return call(
        "READDIRPLUS",
        17,
        new READDIRPLUS3args(
            dir,
            cookie,
            cookieverf,
            Integer.toUnsignedLong(dircount),
            Integer.toUnsignedLong(maxcount)),
        READDIRPLUS3res::decode);
  }

  /** NFSPROC3_FSSTAT (18). */
  public FSSTAT3res fsstat(NfsFh3 root) throws IOException {
    return call("FSSTAT", 18, new FSSTAT3args(root), FSSTAT3res::decode);
  }

  /** NFSPROC3_FSINFO (19). */
  public FSINFO3res fsinfo(NfsFh3 root) throws IOException {
    return call("FSINFO", 19, new FSINFO3args(root), FSINFO3res::decode);
  }

  /** NFSPROC3_PATHCONF (20). */
  public PATHCONF3res pathconf(NfsFh3 object) throws IOException {
    return call("PATHCONF", 20, new PATHCONF3args(object), PATHCONF3res::decode);
  }

  /** NFSPROC3_COMMIT (21). */
  public COMMIT3res commit(NfsFh3 file, long offset, int count) throws IOException {
    return call(
        "COMMIT",
        21,
        new COMMIT3args(file, offset, Integer.toUnsignedLong(count)),
        COMMIT3res::decode);
  }

  /** Connections made so far: 1, plus one per reconnect after a dropped connection. */
  public long connects() {
    return rpc.connects();
  }

  @Override
  public void close() throws IOException {
    rpc.close();
  }
}
