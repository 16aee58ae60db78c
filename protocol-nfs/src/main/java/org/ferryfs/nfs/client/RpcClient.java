package org.ferryfs.nfs.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.dcache.oncrpc4j.rpc.IoStrategy;
import org.dcache.oncrpc4j.rpc.MemoryAllocator;
import org.dcache.oncrpc4j.rpc.OncRpcClient;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.rpc.OncRpcSvc;
import org.dcache.oncrpc4j.rpc.OncRpcSvcBuilder;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcReply;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.ferryfs.backend.BackendException;
import org.ferryfs.nfs.xdr.XdrAbles;
import org.ferryfs.nfs.xdr.XdrDecoder;
import org.ferryfs.nfs.xdr.XdrException;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * A TCP connection to one ONC RPC program version (RFC 5531), on oncrpc4j's {@link OncRpcClient}:
 * every call has a timeout, arguments and results are our own XDR types. Thread-safe; calls may
 * overlap (oncrpc4j matches replies to calls by xid, RFC 5531 §9), so many calls are in flight on
 * the one connection at once.
 *
 * <p><b>Reconnecting.</b> The first connection is made by the constructor (so a wrong address fails
 * at once). When the connection drops later (the server restarted, a reset), the call that saw it
 * fails with {@link RpcConnectionException} and the next call connects again, bounded by the same
 * timeout; callers never have to recreate the client. A call is never resent by this class: whether
 * a procedure may be repeated is the caller's decision.
 *
 * <p><b>Limits.</b> oncrpc4j's TCP record parser assembles a reply of any size before decoding; our
 * decoders then bound every variable-length field (a READ reply's data, a directory listing's
 * entries) before allocating. A reply larger than memory from a hostile server is not bounded here.
 */
public final class RpcClient implements AutoCloseable {

  private final InetSocketAddress server;
  private final int program;
  private final int version;
  private final RpcAuth auth;
  private final Duration timeout;
  private final Object lock = new Object();
  private final AtomicLong connects = new AtomicLong();

  /** Calls sent, by procedure number; the last slot counts the numbers beyond. */
  private final LongAdder[] calls = newCounters(64);

  private static LongAdder[] newCounters(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  /** The live connection, or null after a drop; guarded by {@link #lock}. */
  private Connection current;

  /** Guarded by {@link #lock}. */
  private boolean closed;

  private record Connection(OncRpcClient client, RpcTransport transport, RpcCall call) {}

  /**
   * Connects.
   *
   * @param server where the program listens
   * @param program program number
   * @param version program version
   * @param auth the credential sent with every call
   * @param timeout limit of every connect and of every call
   */
  public RpcClient(
      InetSocketAddress server, int program, int version, RpcAuth auth, Duration timeout)
      throws IOException {
    this.server = Objects.requireNonNull(server, "server");
    this.program = program;
    this.version = version;
    this.auth = Objects.requireNonNull(auth, "auth");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    synchronized (lock) {
      current = connect();
    }
  }

  private Connection connect() throws IOException {
    // Replies are read into direct buffers: from heap ones the JDK would copy every byte once
    // more (socket -> temporary direct buffer -> heap), and a READ reply is mostly data.
    OncRpcSvc svc =
        new OncRpcSvcBuilder()
            .withClientMode()
            .withoutAutoPublish()
            .withTCP()
            .withIoStrategy(IoStrategy.SAME_THREAD)
            .withSelectorThreadPoolSize(1)
            .withTcpNoDelay(true)
            .withMemoryAllocator(
                MemoryAllocator.valueOf(
                    System.getProperty("ferry.rpcclient.memory", "POOLED_DIRECT")))
            .withServiceName("ferry-rpc-client")
            .build();
    OncRpcClient client = new OncRpcClient(server, timeout.toMillis(), TimeUnit.MILLISECONDS, svc);
    RpcTransport transport;
    try {
      transport = client.connect();
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
    connects.incrementAndGet();
    return new Connection(client, transport, new RpcCall(program, version, auth, transport));
  }

  /** The live connection, connecting again if the last one dropped. */
  private Connection connection() throws IOException {
    synchronized (lock) {
      if (closed) {
        throw new RpcConnectionException("RPC client for " + server + " is closed", null);
      }
      if (current != null && current.transport().isOpen()) {
        return current;
      }
      drop(current);
      try {
        current = connect();
      } catch (IOException e) {
        throw new RpcConnectionException(
            "cannot connect to " + server + " (program " + program + "): " + e.getMessage(), e);
      }
      return current;
    }
  }

  private void drop(Connection c) {
    synchronized (lock) {
      if (c != null && c == current) {
        current = null;
      }
    }
    if (c != null) {
      try {
        c.client().close();
      } catch (IOException | RuntimeException e) {
        // the connection is gone either way
      }
    }
  }

  /** Calls {@code procedure} with this client's timeout. */
  public <T> T call(int procedure, XdrType args, XdrDecoder<T> decoder) throws IOException {
    return call(procedure, args, decoder, timeout);
  }

  /**
   * Calls {@code procedure} and decodes its result.
   *
   * @param limit how long to wait for the reply
   * @throws RpcTimeoutException if no reply came within {@code limit}
   * @throws RpcConnectionException if there is no connection or it dropped during the call
   * @throws IOException if the call was rejected at the RPC level ({@link OncRpcException}) or the
   *     reply could not be decoded ({@link XdrException})
   */
  public <T> T call(int procedure, XdrType args, XdrDecoder<T> decoder, Duration limit)
      throws IOException {
    return await(callAsync(procedure, args, decoder, limit));
  }

  /** {@link #callAsync(int, XdrType, XdrDecoder, Duration)} with this client's timeout. */
  public <T> CompletableFuture<T> callAsync(int procedure, XdrType args, XdrDecoder<T> decoder) {
    return callAsync(procedure, args, decoder, timeout);
  }

  /**
   * Sends {@code procedure} and returns at once; the future completes with the decoded result, or
   * exceptionally with the exceptions {@link #call} throws. The decoder runs on the connection's
   * selector thread and must not block. The future always completes: at the latest after {@code
   * limit}. {@code args} are encoded before this method returns, except for a buffer an argument
   * appends without copying (see {@code WRITE3args}), which the caller must leave untouched until
   * the future completes <em>normally</em> (after a timeout or a dropped connection it may still be
   * queued for sending: do not reuse it).
   */
  public <T> CompletableFuture<T> callAsync(
      int procedure, XdrType args, XdrDecoder<T> decoder, Duration limit) {
    CompletableFuture<T> future = new CompletableFuture<>();
    Connection c;
    try {
      c = connection();
    } catch (IOException e) {
      future.completeExceptionally(e);
      return future;
    }
    count(procedure);
    XdrAbles.Decoding<T> result = XdrAbles.decoding(decoder);
    CompletionHandler<RpcReply, RpcTransport> handler =
        new CompletionHandler<>() {
          @Override
          public void completed(RpcReply reply, RpcTransport transport) {
            try {
              reply.getReplyResult(result);
              future.complete(result.value());
            } catch (IOException | RuntimeException e) {
              failed(e, transport);
            }
          }

          @Override
          public void failed(Throwable t, RpcTransport transport) {
            future.completeExceptionally(failure(c, procedure, limit, t));
          }
        };
    try {
      c.call()
          .call(
              procedure,
              XdrAbles.encoding(args),
              handler,
              Math.max(1, limit.toMillis()),
              TimeUnit.MILLISECONDS);
    } catch (IOException | RuntimeException e) {
      handler.failed(e, null);
    }
    return future;
  }

  /** The exception a call reports for {@code t}; drops the connection if it is broken. */
  private IOException failure(Connection c, int procedure, Duration limit, Throwable t) {
    if (t instanceof TimeoutException) {
      return new RpcTimeoutException(
          "no reply to procedure " + procedure + " from " + server + " within " + limit);
    }
    if (t instanceof OncRpcException
        || t instanceof XdrException
        || t instanceof BackendException) {
      return (IOException)
          t; // an answer that was understood to be an error; the connection is fine
    }
    if (t instanceof RpcConnectionException e) {
      return e;
    }
    drop(c);
    return new RpcConnectionException(
        "connection to " + server + " lost during procedure " + procedure + ": " + t, t);
  }

  /**
   * Waits for a call made by {@link #callAsync} and unwraps its failure. An interrupt does not cut
   * the wait short (every call ends within its limit, and a decoder may still be writing into the
   * caller's buffer): the interrupt status is kept for the caller.
   */
  public static <T> T await(CompletableFuture<T> call) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return call.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable t = e.getCause();
          if (t instanceof IOException io) {
            throw io;
          }
          throw new IOException(t);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void count(int procedure) {
    calls[procedure >= 0 && procedure < calls.length ? procedure : calls.length - 1].increment();
  }

  /**
   * How many calls of {@code procedure} were sent so far (for tests and diagnostics: which RPCs a
   * client operation costs).
   */
  public long calls(int procedure) {
    return procedure >= 0 && procedure < calls.length - 1 ? calls[procedure].sum() : 0;
  }

  public InetSocketAddress server() {
    return server;
  }

  /** How many connections were made so far (1 after the constructor; more after reconnects). */
  public long connects() {
    return connects.get();
  }

  @Override
  public void close() throws IOException {
    Connection c;
    synchronized (lock) {
      closed = true;
      c = current;
      current = null;
    }
    if (c != null) {
      c.client().close();
    }
  }

  /** No reply arrived in time. */
  public static final class RpcTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    public RpcTimeoutException(String message) {
      super(message);
    }
  }

  /** The server could not be reached, or the connection dropped during the call. */
  public static final class RpcConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    public RpcConnectionException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
