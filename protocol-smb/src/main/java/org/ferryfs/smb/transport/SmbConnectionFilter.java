package org.ferryfs.smb.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ferryfs.smb.server.ConnectionIo;
import org.ferryfs.smb.server.ServerContext;
import org.ferryfs.smb.server.SmbConnection;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands framed messages to each connection's {@link SmbConnection}. */
public final class SmbConnectionFilter extends BaseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(SmbConnectionFilter.class);
  private static final Attribute<SmbConnection> CONN =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(SmbConnectionFilter.class.getName());

  /** How long a reply may wait for the peer to take it before the connection is closed. */
  static final long SEND_TIMEOUT_SECONDS = 120;

  private final ServerContext server;

  public SmbConnectionFilter(ServerContext server) {
    this.server = server;
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    Connection<?> c = ctx.getConnection();
    SmbConnection conn = CONN.get(c);
    if (conn == null) {
      conn = new SmbConnection(server, new GrizzlyIo(c));
      CONN.set(c, conn);
    }
    byte[] msg = ctx.getMessage();
    conn.received(msg);
    return ctx.getStopAction();
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    SmbConnection conn = CONN.remove(ctx.getConnection());
    if (conn != null) {
      conn.closedByTransport();
    }
    return ctx.getInvokeAction();
  }

  /** {@link ConnectionIo} over a Grizzly connection; writes go down the filter chain. */
  private record GrizzlyIo(Connection<?> c) implements ConnectionIo {
    @Override
    @SuppressWarnings("unchecked")
    public void send(byte[] message) {
      try {
        ((Connection<Object>) c).write(message).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        c.closeSilently();
      } catch (ExecutionException | TimeoutException e) {
        LOG.debug("closing connection from {}: send failed: {}", c.getPeerAddress(), e.toString());
        c.closeSilently();
      }
    }

    @Override
    public void close() {
      c.closeSilently();
    }

    @Override
    public InetSocketAddress remote() {
      return (InetSocketAddress) c.getPeerAddress();
    }
  }
}
