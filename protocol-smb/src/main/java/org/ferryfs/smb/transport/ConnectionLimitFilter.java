package org.ferryfs.smb.transport;

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
 * Closes accepted connections beyond a bound. Each connection buffers at most one message, so the
 * bound limits the server's input memory.
 */
public final class ConnectionLimitFilter extends BaseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitFilter.class);
  private static final Attribute<Boolean> COUNTED =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
          ConnectionLimitFilter.class.getName() + ".counted");

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionLimitFilter(int max) {
    this.max = max;
  }

  @Override
  public NextAction handleAccept(FilterChainContext ctx) throws IOException {
    Connection<?> c = ctx.getConnection();
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      LOG.warn("refusing SMB connection from {}: {} are open", c.getPeerAddress(), max);
      c.closeSilently();
      return ctx.getStopAction();
    }
    COUNTED.set(c, Boolean.TRUE);
    return ctx.getInvokeAction();
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    if (COUNTED.remove(ctx.getConnection()) != null) {
      open.decrementAndGet();
    }
    return ctx.getInvokeAction();
  }

  public int open() {
    return open.get();
  }
}
