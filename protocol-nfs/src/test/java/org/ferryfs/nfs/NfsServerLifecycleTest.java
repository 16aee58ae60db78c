package org.ferryfs.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.ferryfs.nfs.client.ClientCredentials;
import org.ferryfs.nfs.client.MountClient;
import org.ferryfs.nfs.testing.InMemoryFileService;
import org.ferryfs.nfs.testing.RawRpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class NfsServerLifecycleTest {

  private static final InetAddress LO = InetAddress.getLoopbackAddress();

  @Test
  void closeStopsServingAndReleasesThePorts() throws IOException {
    InMemoryFileService files = new InMemoryFileService();
    files.addExport("alpha");
    NfsServer server = new NfsServer(files, NfsServerConfig.of(LO, 0).withPortmap(0));
    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    server.start();
    int port = server.port();
    int pmPort = server.portmapPort();
    InetSocketAddress address = new InetSocketAddress(LO, port);
    RawRpc.Connection open = new RawRpc.Connection(address);
    try (MountClient mount =
        new MountClient(address, ClientCredentials.sys(0, 0), Duration.ofSeconds(5))) {
      mount.mount("/alpha");
    }
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);

    server.close();
    server.close(); // idempotent
    assertThat(open.closedWithin(Duration.ofSeconds(10))).isTrue();
    open.close();
    // NIO closes a listening socket registered with a selector when the selector next runs, so
    // the port is free shortly after close returns, not necessarily at once.
    assertThat(bindableWithin(port, Duration.ofSeconds(10))).as("NFS port %d freed", port).isTrue();
    assertThat(bindableWithin(pmPort, Duration.ofSeconds(10)))
        .as("portmap port %d freed", pmPort)
        .isTrue();
  }

  private static boolean bindableWithin(int port, Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try (ServerSocket again = new ServerSocket()) {
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress(LO, port));
        return true;
      } catch (java.net.BindException inUse) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.onSpinWait();
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // polling interval
      }
    }
  }

  @Test
  void aPortInUseFailsStart() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, LO)) {
      NfsServer server =
          new NfsServer(new InMemoryFileService(), NfsServerConfig.of(LO, taken.getLocalPort()));
      assertThatThrownBy(server::start).isInstanceOf(IOException.class);
      server.close();
    }
  }
}
