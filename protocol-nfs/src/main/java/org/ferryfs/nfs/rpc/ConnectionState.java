package org.ferryfs.nfs.rpc;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-connection admission control: at most {@code maxInFlight} calls of one connection run or wait
 * for their reply to be written at any time.
 *
 * <p>Beyond that limit, further complete records are queued in arrival order and the connection
 * stops reading (its READ interest is switched off), so the peer's own TCP window pushes back;
 * reading resumes when the queue has drained. The queue therefore holds at most what one read
 * delivered (bounded by the socket buffer); {@code maxQueued} is a safety net: a connection whose
 * queue still grows past it is closed. A call's slot is freed when its reply has been written
 * ({@link ServerCall#finish()}), so a client that sends but never reads cannot make the server
 * buffer more than {@code maxInFlight} replies.
 */
final class ConnectionState {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionState.class);

  private final ConnectionControl connection;
  private final RpcTransport transport;
  private final Executor executor;
  private final int maxInFlight;
  private final int maxQueued;

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private int inFlight;
  private boolean readingSuspended;
  private boolean closed;

  ConnectionState(
      ConnectionControl connection,
      RpcTransport transport,
      Executor executor,
      int maxInFlight,
      int maxQueued) {
    this.connection = connection;
    this.transport = transport;
    this.executor = executor;
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  RpcTransport transport() {
    return transport;
  }

  InetSocketAddress remote() {
    return connection.remote();
  }

  /**
   * Runs {@code task} now if a slot is free, else queues it; the task must end in {@link #done}.
   */
  void submit(Runnable task) {
    boolean overflow = false;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (inFlight < maxInFlight) {
        inFlight++;
        start(task);
        return;
      }
      queue.addLast(task);
      // Idempotent, and repeated on purpose: a resume posted from a worker may reach the selector
      // after a suspend made on it; suspending again on every queued call restores the intent.
      readingSuspended = true;
      connection.setReading(false);
      overflow = queue.size() > maxQueued;
    } finally {
      lock.unlock();
    }
    if (overflow) {
      LOG.warn(
          "closing connection from {}: more than {} calls queued behind {} in flight",
          remote(),
          maxQueued,
          maxInFlight);
      connection.close();
    }
  }

  /** A call's reply is written (or lost): start the next queued call or free the slot. */
  void done() {
    lock.lock();
    try {
      Runnable next = closed ? null : queue.pollFirst();
      if (next != null) {
        start(next);
        return;
      }
      inFlight--;
      if (readingSuspended && !closed) {
        readingSuspended = false;
        connection.setReading(true);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The connection has closed: drop queued calls. */
  void closed() {
    lock.lock();
    try {
      closed = true;
      queue.clear();
    } finally {
      lock.unlock();
    }
  }

  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  private void start(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // The server is shutting down; the call is dropped with its connection.
      inFlight--;
      LOG.debug("call from {} dropped: executor closed", remote());
    }
  }
}
