package org.ferryfs.nfs.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dcache.oncrpc4j.rpc.ReplyQueue;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.transport.TCPNIOServerConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONC RPC server over TCP (RFC 5531) on Grizzly, with our own filter chain:
 *
 * <pre>
 * TransportFilter → {@link ConnectionLimitFilter} → {@link RecordMarkingFilter}
 *     → {@link CallHeaderFilter} → {@link RpcDispatcher}
 * </pre>
 *
 * <p>Selector threads only frame records and decode call headers (the same-thread I/O strategy, so
 * that a connection's reading can be switched off for back-pressure); every call runs on its own
 * virtual thread. oncrpc4j's {@code OncRpcSvc} is not used: it bounds neither record sizes nor
 * calls in flight.
 */
public final class RpcServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

  private final RpcServerConfig config;
  private final ProgramTable programs;
  private final String name;
  private TCPNIOTransport transport;
  private ExecutorService executor;
  private ReplyQueue replyQueue;
  private int port = -1;

  /**
   * @param name for thread names and logs
   */
  public RpcServer(String name, RpcServerConfig config, ProgramTable programs) {
    this.name = name;
    this.config = config;
    this.programs = programs;
  }

  /** Binds and starts serving. */
  public synchronized void start() throws IOException {
    if (transport != null) {
      throw new IllegalStateException(name + " is already started");
    }
    executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
    replyQueue = new ReplyQueue();
    FilterChain chain =
        FilterChainBuilder.stateless()
            .add(new TransportFilter())
            .add(new ConnectionLimitFilter(config.maxConnections()))
            .add(new RecordMarkingFilter(config.maxRecordSize(), config.maxFragments()))
            .add(new CallHeaderFilter())
            .add(
                new RpcDispatcher(
                    programs, executor, replyQueue, config.maxInFlight(), config.maxQueued()))
            .build();
    TCPNIOTransport t =
        TCPNIOTransportBuilder.newInstance()
            .setReuseAddress(true)
            .setTcpNoDelay(true)
            .setKeepAlive(true)
            .setIOStrategy(SameThreadIOStrategy.getInstance())
            .setSelectorRunnersCount(config.selectorThreads())
            .build();
    t.setProcessor(chain);
    try {
      TCPNIOServerConnection server =
          t.bind(new InetSocketAddress(config.address(), config.port()));
      t.start();
      port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    } catch (IOException | RuntimeException e) {
      t.shutdownNow();
      executor.shutdownNow();
      replyQueue.shutdown();
      throw e;
    }
    transport = t;
    LOG.info("{} listening on {}:{}", name, config.address().getHostAddress(), port);
  }

  /** The bound port; valid after {@link #start()}. */
  public synchronized int port() {
    if (transport == null) {
      throw new IllegalStateException(name + " is not started");
    }
    return port;
  }

  /** Stops listening, closes every connection and stops the call executor. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (transport == null) {
      return;
    }
    try {
      transport.shutdownNow();
    } finally {
      transport = null;
      executor.shutdownNow();
      replyQueue.shutdown();
      LOG.info("{} on port {} stopped", name, port);
    }
  }
}
