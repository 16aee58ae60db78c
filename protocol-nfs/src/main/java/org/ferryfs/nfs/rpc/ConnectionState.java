package org.ferryfs.nfs.rpc;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>Where a call runs: a call that {@link Task#mayRunInline() may} runs at once on the submitting
 * (selector) thread when no other call of the connection is running — a client waiting for each
 * reply before its next call is then served without any thread hand-off; every other call, and
 * every queued call when a slot frees up, goes to the executor. "Running" ends when the reply is
 * handed to the socket ({@link #replying()}), before the client can see it: a call whose reply is
 * still being written must not send the next one to the executor. A task is never run under this
 * object's lock.
 */
final class ConnectionState implements CallSlot {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionState.class);

  /** One call to run on this connection. */
  @FunctionalInterface
  interface Task extends Runnable {
    /** True if the task is short enough to run on the thread that read it. */
    default boolean mayRunInline() {
      return false;
    }

    /** The task will never run (connection closed, server stopping): release what it holds. */
    default void abandon() {}
  }

  private final ConnectionControl connection;
  private final ReplyChannel channel;
  private final Executor executor;
  private final int maxInFlight;
  private final int maxQueued;

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Task> queue = new ArrayDeque<>();
  private int inFlight;
  private int running;
  private boolean readingSuspended;
  private boolean closed;

  ConnectionState(
      ConnectionControl connection,
      ReplyChannel channel,
      Executor executor,
      int maxInFlight,
      int maxQueued) {
    this.connection = connection;
    this.channel = channel;
    this.executor = executor;
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  ReplyChannel channel() {
    return channel;
  }

  InetSocketAddress remote() {
    return connection.remote();
  }

  /**
   * Runs {@code task} now if a slot is free (on this thread if it may run inline and nothing else
   * is in flight, else on the executor), or queues it; a task that runs must end in {@link #done}.
   */
  void submit(Task task) {
    boolean overflow = false;
    boolean inline = false;
    boolean drop = false;
    Task start = null;
    lock.lock();
    try {
      if (closed) {
        drop = true;
      } else if (inFlight < maxInFlight) {
        inFlight++;
        running++;
        inline = running == 1 && task.mayRunInline();
        start = task;
      } else {
        queue.addLast(task);
        // Idempotent, and repeated on purpose: a resume posted from a worker may reach the
        // selector after a suspend made on it; suspending again on every queued call restores the
        // intent.
        readingSuspended = true;
        connection.setReading(false);
        overflow = queue.size() > maxQueued;
      }
    } finally {
      lock.unlock();
    }
    if (drop) {
      task.abandon();
      return;
    }
    if (start != null) {
      if (inline) {
        start.run();
      } else if (!execute(start)) {
        replying();
        done();
      }
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

  @Override
  public void replying() {
    lock.lock();
    try {
      running--;
    } finally {
      lock.unlock();
    }
  }

  /** A call's reply is written (or lost): start the next queued call or free the slot. */
  @Override
  public void done() {
    while (true) {
      Task next;
      lock.lock();
      try {
        next = closed ? null : queue.pollFirst();
        if (next == null) {
          inFlight--;
          if (readingSuspended && !closed) {
            readingSuspended = false;
            connection.setReading(true);
          }
          return;
        }
        running++;
      } finally {
        lock.unlock();
      }
      // Queued calls never run inline: this may be a worker, or a selector finishing a write.
      if (execute(next)) {
        return;
      }
      // The executor refused it; its slot passes on to the next queued call.
      replying();
    }
  }

  /** The connection has closed: drop queued calls. */
  void closed() {
    List<Task> dropped;
    lock.lock();
    try {
      closed = true;
      dropped = new ArrayList<>(queue);
      queue.clear();
    } finally {
      lock.unlock();
    }
    for (Task t : dropped) {
      t.abandon();
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

  int running() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  /** Hands {@code task} to the executor; false (and the task abandoned) if it refuses. */
  private boolean execute(Task task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      // The server is shutting down; the call is dropped with its connection.
      LOG.debug("call from {} dropped: executor closed", remote());
      task.abandon();
      return false;
    }
  }
}
