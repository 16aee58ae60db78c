package org.ferryfs.nfs.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.memory.ByteBufferWrapper;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport filter of an {@link RpcServer}, with its own reading: each READ event reads the
 * socket into the connection's {@link RecordReader} (pooled direct buffers, no copy), then every
 * complete record has its header decoded ({@link CallHeaderDecoder}) and its call handed to the
 * {@link RpcDispatcher} — all on the selector thread. Records that break the framing rules and
 * headers that cannot be answered close the connection. Writing, accepting and closing are
 * Grizzly's.
 */
public final class RpcInputFilter extends TransportFilter {

  private static final Logger LOG = LoggerFactory.getLogger(RpcInputFilter.class);

  private static final Attribute<Conn> CONN =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(RpcInputFilter.class.getName() + ".conn");

  private final RpcDispatcher dispatcher;
  private final IoBuffers buffers;
  private final int maxRecordSize;
  private final int maxFragments;

  /**
   * @param dispatcher runs the calls
   * @param buffers where records are read into
   * @param maxRecordSize most bytes one record may hold (RFC 5531 §11), all fragments together
   * @param maxFragments most fragments one record may have
   */
  public RpcInputFilter(
      RpcDispatcher dispatcher, IoBuffers buffers, int maxRecordSize, int maxFragments) {
    this.dispatcher = dispatcher;
    this.buffers = buffers;
    this.maxRecordSize = maxRecordSize;
    this.maxFragments = maxFragments;
    new RecordReader(buffers, maxRecordSize, maxFragments); // checks the arguments now
  }

  /** One connection's reader and admission state. */
  private record Conn(RecordReader reader, ConnectionState state) {
    void close() {
      reader.close();
      state.closed();
    }
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    @SuppressWarnings("unchecked")
    Connection<SocketAddress> connection = ctx.getConnection();
    Conn conn = conn(connection);
    if (conn == null) {
      return ctx.getStopAction();
    }
    RecordReader reader = conn.reader();
    ByteBuffer target = reader.beginRead();
    if (target == null) {
      return ctx.getStopAction();
    }
    int start = target.position();
    int n = 0;
    try {
      // Throws EOFException (after closing the connection) at the end of the stream.
      ((TCPNIOTransport) connection.getTransport()).read(connection, new ByteBufferWrapper(target));
      n = target.position() - start;
    } finally {
      reader.endRead(n);
    }
    drain(connection, conn);
    return ctx.getStopAction();
  }

  /** Dispatches every complete record the reader holds. */
  private void drain(Connection<SocketAddress> connection, Conn conn) {
    InetSocketAddress remote = (InetSocketAddress) connection.getPeerAddress();
    while (true) {
      RecordReader.Result r = conn.reader().next();
      if (r instanceof RecordReader.Record record) {
        CallHeaderDecoder.Outcome outcome;
        try {
          outcome = CallHeaderDecoder.decode(record.payload(), remote);
        } catch (RuntimeException e) {
          // The decoder checks every bound; reaching this is a bug, but never one that escapes.
          record.lease().release();
          LOG.error("closing connection from {}: header decoder failed", remote, e);
          connection.closeSilently();
          return;
        }
        if (outcome instanceof CallHeaderDecoder.Drop drop) {
          record.lease().release();
          LOG.warn("closing connection from {}: {}", remote, drop.why());
          connection.closeSilently();
          return;
        }
        dispatcher.submit(conn.state(), outcome, record.lease());
      } else if (r instanceof RecordReader.Violation v) {
        LOG.warn("closing connection from {}: {}", remote, v.why());
        connection.closeSilently();
        return;
      } else {
        return;
      }
    }
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    Conn conn = CONN.remove(ctx.getConnection());
    if (conn != null) {
      conn.close();
    }
    return super.handleClose(ctx);
  }

  private Conn conn(Connection<SocketAddress> connection) {
    Conn conn = CONN.get(connection);
    if (conn != null) {
      return conn;
    }
    if (!connection.isOpen()) {
      return null;
    }
    conn =
        new Conn(
            new RecordReader(buffers, maxRecordSize, maxFragments),
            dispatcher.newState(
                new GrizzlyControl(connection), new GrizzlyReplyChannel(connection)));
    CONN.set(connection, conn);
    if (!connection.isOpen()) {
      // Closed meanwhile: its close event may have missed the state just set.
      CONN.remove(connection);
      conn.close();
      return null;
    }
    return conn;
  }

  /** {@link ConnectionControl} over a Grizzly connection. */
  private record GrizzlyControl(Connection<SocketAddress> connection) implements ConnectionControl {
    @Override
    public void setReading(boolean on) {
      try {
        if (on) {
          connection.enableIOEvent(IOEvent.READ);
        } else {
          connection.disableIOEvent(IOEvent.READ);
        }
      } catch (IOException e) {
        LOG.debug("cannot switch reading {} on {}: {}", on ? "on" : "off", remote(), e.toString());
      }
    }

    @Override
    public void close() {
      connection.closeSilently();
    }

    @Override
    public InetSocketAddress remote() {
      return (InetSocketAddress) connection.getPeerAddress();
    }
  }
}
