package org.ferryfs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.ferryfs.nfs.NfsServer;
import org.ferryfs.nfs.NfsServerConfig;
import org.ferryfs.nfs.client.ClientCredentials;
import org.ferryfs.nfs.client.RpcClient;
import org.ferryfs.nfs.rpc.portmap.Mapping;
import org.ferryfs.nfs.rpc.portmap.PortmapProgram;
import org.ferryfs.nfs.testing.InMemoryFileService;
import org.ferryfs.nfs.testing.RawRpc;
import org.ferryfs.nfs.testing.XdrTesting;
import org.ferryfs.nfs.xdr.Empty;
import org.ferryfs.nfs.xdr.Xdrs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The portmapper (RFC 1833 v2) an {@link NfsServer} can serve on its own port. */
@Timeout(30)
class PortmapTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void answersForNfsAndMountOverTcp() throws Exception {
    InMemoryFileService files = new InMemoryFileService();
    files.addExport("alpha");
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (NfsServer server = new NfsServer(files, NfsServerConfig.of(lo, 0).withPortmap(0))) {
      server.start();
      int nfsPort = server.port();
      int pmPort = server.portmapPort();
      assertThat(pmPort).isNotEqualTo(nfsPort);
      InetSocketAddress pm = new InetSocketAddress(lo, pmPort);
      try (RpcClient rpc =
          new RpcClient(
              pm,
              PortmapProgram.PROGRAM,
              PortmapProgram.VERSION,
              ClientCredentials.none(),
              TIMEOUT)) {
        rpc.call(0, Empty.INSTANCE, Empty::decode);
        assertThat(getport(rpc, 100003, 3, Mapping.IPPROTO_TCP)).isEqualTo(nfsPort);
        assertThat(getport(rpc, 100005, 3, Mapping.IPPROTO_TCP)).isEqualTo(nfsPort);
        assertThat(getport(rpc, 100000, 2, Mapping.IPPROTO_TCP)).isEqualTo(pmPort);
        assertThat(getport(rpc, 100003, 3, Mapping.IPPROTO_UDP)).isZero();
        assertThat(getport(rpc, 100003, 4, Mapping.IPPROTO_TCP)).isZero();
        assertThat(rpc.call(4, Empty.INSTANCE, PortmapProgram.Pmaplist::decode).mappings())
            .containsExactly(
                new Mapping(100000, 2, Mapping.IPPROTO_TCP, pmPort),
                new Mapping(100003, 3, Mapping.IPPROTO_TCP, nfsPort),
                new Mapping(100005, 3, Mapping.IPPROTO_TCP, nfsPort));
        // Nobody may register here.
        assertThat(rpc.call(1, new Mapping(200000, 1, 6, 5555), Xdrs::bool)).isFalse();
        assertThat(rpc.call(2, new Mapping(100003, 3, 6, 0), Xdrs::bool)).isFalse();
        assertThat(getport(rpc, 200000, 1, Mapping.IPPROTO_TCP)).isZero();
      }
      try (RawRpc.Connection raw = new RawRpc.Connection(pm)) {
        // CALLIT is not served; rpcbind v3/v4 are not either.
        byte[] callit =
            new RawRpc.Bytes().u32(100003).u32(3).u32(0).opaque(new byte[0]).toByteArray();
        raw.sendRecord(RawRpc.call(1, 100000, 2, 5, callit));
        assertThat(raw.readReply(TIMEOUT).acceptStat()).isEqualTo(3);
        raw.sendRecord(RawRpc.call(2, 100000, 4, 0, new byte[0]));
        RawRpc.Reply mismatch = raw.readReply(TIMEOUT);
        assertThat(mismatch.acceptStat()).isEqualTo(2);
        assertThat(mismatch.low()).isEqualTo(2);
        assertThat(mismatch.high()).isEqualTo(2);
        // NFS is not served on the portmapper's port.
        raw.sendRecord(RawRpc.call(3, 100003, 3, 0, new byte[0]));
        assertThat(raw.readReply(TIMEOUT).acceptStat()).isEqualTo(1);
      }
    }
  }

  private static int getport(RpcClient rpc, int prog, int vers, int prot) throws IOException {
    return rpc.call(3, new Mapping(prog, vers, prot, 0), XdrDecodingStream::xdrDecodeInt);
  }

  @Test
  void mappingEncodingIsFourWords() {
    assertThat(XdrTesting.encode(new Mapping(1, 2, 6, 4)))
        .isEqualTo(new RawRpc.Bytes().u32(1).u32(2).u32(6).u32(4).toByteArray());
  }
}
