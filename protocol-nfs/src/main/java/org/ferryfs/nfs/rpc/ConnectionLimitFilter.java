package org.ferryfs.nfs.rpc;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes accepted connections beyond {@code maxConnections}. Each connection may buffer up to one
 * record (about 1 MiB) of input, so the number of connections bounds the input memory of the whole
 * server.
 */
public final class ConnectionLimitFilter extends BaseFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitFilter.class);

  private static final Attribute<Boolean> COUNTED =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
          ConnectionLimitFilter.class.getName() + ".counted");

  private final int maxConnections;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionLimitFilter(int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
    }
    this.maxConnections = maxConnections;
  }

  @Override
  public NextAction handleAccept(FilterChainContext ctx) throws IOException {
    Connection<?> connection = ctx.getConnection();
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      LOG.warn(
          "refusing connection from {}: {} connections are open already",
          connection.getPeerAddress(),
          maxConnections);
      connection.closeSilently();
      return ctx.getStopAction();
    }
    COUNTED.set(connection, Boolean.TRUE);
    return ctx.getInvokeAction();
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    if (COUNTED.remove(ctx.getConnection()) != null) {
      open.decrementAndGet();
    }
    return ctx.getInvokeAction();
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }
}
