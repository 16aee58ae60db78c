package org.ferryfs.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.ferryfs.nfs.client.ClientCredentials;
import org.ferryfs.nfs.client.MountClient;
import org.ferryfs.nfs.client.Nfs3Client;
import org.ferryfs.nfs.v3.xdr.Createhow3;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.READ3res;
import org.ferryfs.nfs.v3.xdr.Sattr3;
import org.ferryfs.nfs.v3.xdr.StableHow;

/** Ferry's own NFSv3 + MOUNT client against a running Ferry, as root over AUTH_SYS. */
final class NfsSession implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  final Nfs3Client nfs;
  final MountClient mount;

  NfsSession(int port) throws IOException {
    this(port, 0, 0);
  }

  NfsSession(int port, int uid, int gid) throws IOException {
    InetSocketAddress at = new InetSocketAddress("127.0.0.1", port);
    this.mount = new MountClient(at, ClientCredentials.sys(uid, gid), TIMEOUT);
    this.nfs = new Nfs3Client(at, ClientCredentials.sys(uid, gid), TIMEOUT);
  }

  NfsFh3 mount(String path) throws IOException {
    return mount.mount(path);
  }

  NfsFh3 lookup(NfsFh3 dir, String name) throws IOException {
    return nfs.lookup(dir, name).object();
  }

  NfsFh3 create(NfsFh3 dir, String name) throws IOException {
    return nfs.create(dir, name, Createhow3.guarded(Sattr3.NONE)).obj().handle();
  }

  NfsFh3 mkdir(NfsFh3 dir, String name) throws IOException {
    return nfs.mkdir(dir, name, Sattr3.NONE).obj().handle();
  }

  void write(NfsFh3 file, byte[] data) throws IOException {
    int chunk = 1 << 20;
    for (int off = 0; off < data.length; off += chunk) {
      int n = Math.min(chunk, data.length - off);
      nfs.write(file, off, ByteBuffer.wrap(data, off, n), StableHow.FILE_SYNC);
    }
  }

  byte[] read(NfsFh3 file) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    long off = 0;
    while (true) {
      READ3res r = nfs.read(file, off, 1 << 20);
      ByteBuffer data = r.data().duplicate();
      byte[] b = new byte[data.remaining()];
      data.get(b);
      out.write(b, 0, b.length);
      off += b.length;
      if (r.eof() || b.length == 0) {
        return out.toByteArray();
      }
    }
  }

  @Override
  public void close() throws IOException {
    nfs.close();
    mount.close();
  }
}
