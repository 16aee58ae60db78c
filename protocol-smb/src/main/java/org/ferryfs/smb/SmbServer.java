package org.ferryfs.smb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.ferryfs.frontend.FileService;
import org.ferryfs.smb.server.ServerContext;
import org.ferryfs.smb.server.SmbLimits;
import org.ferryfs.smb.transport.ConnectionLimitFilter;
import org.ferryfs.smb.transport.DirectTcpFilter;
import org.ferryfs.smb.transport.SmbConnectionFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.transport.TCPNIOServerConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ferry's SMB2/3 server on Grizzly:
 *
 * <pre>
 * TransportFilter → {@link ConnectionLimitFilter} → {@link DirectTcpFilter} (bounded framing)
 *     → {@link SmbConnectionFilter} (per-connection request queue, run on virtual threads)
 * </pre>
 *
 * Selector threads only frame bytes; every request runs on a virtual thread, one at a time per
 * connection, so a slow backend call never stalls a selector.
 */
public final class SmbServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmbServer.class);

  private final FileService files;
  private final SmbServerConfig config;
  private TCPNIOTransport transport;
  private int port = -1;

  public SmbServer(FileService files, SmbServerConfig config) {
    this.files = files;
    this.config = config;
  }

  public synchronized void start() throws IOException {
    if (transport != null) {
      throw new IllegalStateException("the SMB server is already started");
    }
    ServerContext context = new ServerContext(files, config, Clock.systemUTC());
    TCPNIOTransport t =
        TCPNIOTransportBuilder.newInstance()
            .setReuseAddress(true)
            .setTcpNoDelay(true)
            .setKeepAlive(true)
            .setIOStrategy(SameThreadIOStrategy.getInstance())
            .build();
    t.setProcessor(
        FilterChainBuilder.stateless()
            .add(new TransportFilter())
            .add(new ConnectionLimitFilter(config.maxConnections()))
            .add(new DirectTcpFilter(SmbLimits.MAX_MESSAGE))
            .add(new SmbConnectionFilter(context))
            .build());
    try {
      TCPNIOServerConnection server =
          t.bind(new InetSocketAddress(config.address(), config.port()));
      t.start();
      port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    } catch (IOException | RuntimeException e) {
      t.shutdownNow();
      throw e;
    }
    transport = t;
    LOG.info("SMB listening on {}:{}", config.address().getHostAddress(), port);
  }

  public synchronized int port() {
    if (transport == null) {
      throw new IllegalStateException("the SMB server is not started");
    }
    return port;
  }

  @Override
  public synchronized void close() throws IOException {
    if (transport == null) {
      return;
    }
    try {
      transport.shutdownNow();
    } finally {
      transport = null;
    }
  }
}
