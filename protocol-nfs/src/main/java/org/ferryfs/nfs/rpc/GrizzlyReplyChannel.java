package org.ferryfs.nfs.rpc;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.asyncqueue.MessageCloner;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.memory.BuffersBuffer;
import org.glassfish.grizzly.memory.ByteBufferWrapper;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReplyChannel} on a Grizzly TCP connection: the segments go to the connection's
 * asynchronous write queue as they are (direct buffers are written by the socket with no copy, in
 * one gathering write when there are several), written at once on the calling thread when the queue
 * is empty, else by the selector when the socket can take more.
 */
final class GrizzlyReplyChannel implements ReplyChannel {

  private static final Logger LOG = LoggerFactory.getLogger(GrizzlyReplyChannel.class);

  private final Connection<SocketAddress> connection;
  private final AsyncQueueWriter<SocketAddress> writer;
  private final MemoryManager<?> memoryManager;

  GrizzlyReplyChannel(Connection<SocketAddress> connection) {
    this.connection = connection;
    this.writer = ((TCPNIOTransport) connection.getTransport()).getAsyncQueueIO().getWriter();
    this.memoryManager = connection.getMemoryManager();
  }

  @Override
  public void send(List<ByteBuffer> record, Runnable done) {
    Buffer message;
    if (record.size() == 1) {
      message = new ByteBufferWrapper(record.get(0));
    } else {
      Buffer[] parts = new Buffer[record.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = new ByteBufferWrapper(record.get(i));
      }
      message = BuffersBuffer.create(memoryManager, parts);
    }
    try {
      writer.write(
          connection, null, message, new Done(done), (MessageCloner<WritableMessage>) null);
    } catch (RuntimeException e) {
      LOG.debug("reply to {} not written: {}", connection.getPeerAddress(), e.toString());
      done.run();
    }
  }

  /** Runs {@code done} on every outcome of the write. */
  private static final class Done
      implements CompletionHandler<WriteResult<WritableMessage, SocketAddress>> {
    private final Runnable done;

    Done(Runnable done) {
      this.done = done;
    }

    @Override
    public void completed(WriteResult<WritableMessage, SocketAddress> result) {
      done.run();
    }

    @Override
    public void failed(Throwable t) {
      LOG.debug("reply lost: {}", t.toString());
      done.run();
    }

    @Override
    public void cancelled() {
      done.run();
    }

    @Override
    public void updated(WriteResult<WritableMessage, SocketAddress> result) {
      // A partial write: the rest follows.
    }
  }
}
