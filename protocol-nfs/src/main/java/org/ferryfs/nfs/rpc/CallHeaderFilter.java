package org.ferryfs.nfs.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one record into a {@link CallHeaderDecoder.Outcome} for the dispatcher, closing the
 * connection for records that cannot be answered.
 */
public final class CallHeaderFilter extends BaseFilter {

  private static final Logger LOG = LoggerFactory.getLogger(CallHeaderFilter.class);

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    Buffer record = ctx.getMessage();
    InetSocketAddress remote = (InetSocketAddress) ctx.getConnection().getPeerAddress();
    CallHeaderDecoder.Outcome outcome;
    try {
      outcome = CallHeaderDecoder.decode(record, ctx.getMemoryManager(), remote);
    } catch (RuntimeException e) {
      // The decoder checks every bound; reaching this is a bug, but never one that escapes.
      LOG.error("closing connection from {}: header decoder failed", remote, e);
      ctx.getConnection().closeSilently();
      return ctx.getStopAction();
    }
    if (outcome instanceof CallHeaderDecoder.Drop drop) {
      LOG.warn("closing connection from {}: {}", remote, drop.why());
      ctx.getConnection().closeSilently();
      return ctx.getStopAction();
    }
    ctx.setMessage(outcome);
    return ctx.getInvokeAction();
  }
}
