package org.ferryfs.nfs;

import java.net.InetAddress;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where the NFS front end listens.
 *
 * @param address the address to bind (NFS and MOUNT share one TCP port)
 * @param port the TCP port; 0 picks a free one
 * @param portmapPort if present, also serve a portmapper on this port (0 picks a free one; 111 is
 *     the standard one)
 */
public record NfsServerConfig(InetAddress address, int port, OptionalInt portmapPort) {

  public NfsServerConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(portmapPort, "portmapPort");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within 0..65535, got " + port);
    }
    if (portmapPort.isPresent() && (portmapPort.getAsInt() < 0 || portmapPort.getAsInt() > 65535)) {
      throw new IllegalArgumentException(
          "portmapPort must be within 0..65535, got " + portmapPort.getAsInt());
    }
  }

  /** NFS and MOUNT on {@code port}, no portmapper. */
  public static NfsServerConfig of(InetAddress address, int port) {
    return new NfsServerConfig(address, port, OptionalInt.empty());
  }

  /** The same, plus a portmapper on {@code portmapPort}. */
  public NfsServerConfig withPortmap(int portmapPort) {
    return new NfsServerConfig(address, port, OptionalInt.of(portmapPort));
  }
}
