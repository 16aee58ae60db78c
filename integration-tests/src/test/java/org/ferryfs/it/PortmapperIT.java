package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nfs.portmapper-port}: the embedded portmapper tells clients where NFS and MOUNT are. */
class PortmapperIT {
  private static final int PMAP_PROGRAM = 100000;
  private static final int PMAPPROC_GETPORT = 3;
  private static final int IPPROTO_TCP = 6;

  @TempDir Path tmp;

  @Test
  void getportAnswersForNfsAndMount() throws Exception {
    int pmap = FerryProcess.freePort();
    try (FerryFixture ferry = FerryFixture.start(tmp, "portmapper-port: " + pmap)) {
      assertThat(getport(pmap, RawRpc.NFS_PROGRAM, 3)).isEqualTo(ferry.nfsPort());
      assertThat(getport(pmap, RawRpc.MOUNT_PROGRAM, 3)).isEqualTo(ferry.nfsPort());
      assertThat(getport(pmap, RawRpc.NFS_PROGRAM, 4)).isZero(); // not registered
    }
  }

  /** RFC 1833 §3.1 PMAPPROC_GETPORT over TCP. */
  private static int getport(int port, int prog, int vers) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream args = new DataOutputStream(b);
    args.writeInt(prog);
    args.writeInt(vers);
    args.writeInt(IPPROTO_TCP);
    args.writeInt(0);
    byte[] call = RawRpc.call(42, 2, PMAP_PROGRAM, 2, PMAPPROC_GETPORT, 0, b.toByteArray());
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(0x80000000 | call.length);
      out.write(call);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int len = in.readInt() & 0x7fffffff;
      byte[] reply = new byte[len];
      in.readFully(reply);
      DataInputStream r = new DataInputStream(new java.io.ByteArrayInputStream(reply));
      assertThat(r.readInt()).isEqualTo(42); // xid
      assertThat(r.readInt()).isEqualTo(1); // REPLY
      assertThat(r.readInt()).isEqualTo(0); // MSG_ACCEPTED
      r.readInt();
      r.skipBytes((r.readInt() + 3) & ~3); // verifier
      assertThat(r.readInt()).isEqualTo(0); // SUCCESS
      return r.readInt();
    }
  }
}
