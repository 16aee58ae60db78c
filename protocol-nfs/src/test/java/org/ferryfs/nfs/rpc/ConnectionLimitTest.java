package org.ferryfs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.ferryfs.nfs.rpc.portmap.PortmapProgram;
import org.ferryfs.nfs.testing.RawRpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connections beyond the limit are closed as they are accepted; closing one frees its place. */
@Timeout(30)
class ConnectionLimitTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void connectionsBeyondTheLimitAreClosed() throws Exception {
    RpcServerConfig config =
        RpcServerConfig.of(InetAddress.getLoopbackAddress(), 0).withMaxConnections(2);
    PortmapProgram program = new PortmapProgram(() -> 111, java.util.List.of());
    try (RpcServer server = new RpcServer("limit", config, ProgramTable.of(program))) {
      server.start();
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
      RawRpc.Connection a = new RawRpc.Connection(address);
      RawRpc.Connection b = new RawRpc.Connection(address);
      assertServed(a);
      assertServed(b);
      try (RawRpc.Connection c = new RawRpc.Connection(address)) {
        assertThat(c.closedWithin(WAIT)).isTrue();
      }
      a.close();
      // The server notices the close asynchronously: retry until a new connection is served.
      long deadline = System.nanoTime() + WAIT.toNanos();
      boolean served = false;
      while (!served && System.nanoTime() < deadline) {
        try (RawRpc.Connection d = new RawRpc.Connection(address)) {
          d.sendRecord(RawRpc.call(1, PortmapProgram.PROGRAM, 2, 0, new byte[0]));
          served = d.readReply(Duration.ofSeconds(2)).acceptStat() == 0;
        } catch (IOException e) {
          // closed at accept: the old connection was not counted out yet
        }
      }
      assertThat(served).isTrue();
      assertServed(b);
      b.close();
    }
  }

  private static void assertServed(RawRpc.Connection c) throws IOException {
    c.sendRecord(RawRpc.call(7, PortmapProgram.PROGRAM, 2, 0, new byte[0]));
    assertThat(c.readReply(WAIT).acceptStat()).isZero();
  }
}
