package org.ferryfs.nfs.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
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
 * {@link RpcInputFilter} (transport; reads records, decodes call headers, dispatches)
 *     → {@link ConnectionLimitFilter}
 * </pre>
 *
 * <p>Design note. Selector threads read each connection straight into pooled direct buffers ({@link
 * RecordReader}) and decode call headers. A call whose procedure is short ({@link ServiceTime}:
 * declared so, and averaging at most 0.5 ms lately) runs right there on the selector thread when no
 * other call of its connection is running; every other call runs on its own virtual thread. So a
 * client that waits for each reply (libnfs, most tools) is served with no thread hand-off — each
 * one is a futex wake-up and a context switch, tens of µs on a small machine next to a GETATTR of
 * about 10 µs — while a pipelining client's calls and slow procedures (COMMIT, a slow backend)
 * still run in parallel and never hold up the selector for long. Measured on the loopback benchmark
 * (docs/benchmarks.md, 2 cores): READ 1 MiB 4.2 → 5.6 GiB/s and 2,000-file stat 12 k → 23 k files/s
 * from running inline; a pool of platform threads instead of virtual threads for the other calls
 * made no measurable difference once replies no longer used Grizzly's per-thread buffer cache, and
 * virtual threads tolerate backends that block. The same-thread I/O strategy keeps a connection's
 * reading switchable for back-pressure. Replies are encoded into pooled direct buffers, READ data
 * is read into one and sent from it as it is ({@link ServerCall}), WRITE data is a view of the
 * received buffer: no byte is copied in user space on the way between socket and file, and no
 * buffer is allocated (and zero-filled) per call. oncrpc4j's {@code OncRpcSvc} is not used: it
 * bounds neither record sizes nor calls in flight.
 */
public final class RpcServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

  private final RpcServerConfig config;
  private final ProgramTable programs;
  private final String name;
  private TCPNIOTransport transport;
  private ExecutorService executor;
  private IoBuffers buffers;
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
    buffers = IoBuffers.forRecords(config.maxRecordSize());
    FilterChain chain =
        FilterChainBuilder.stateless()
            .add(
                new RpcInputFilter(
                    new RpcDispatcher(
                        programs, executor, buffers, config.maxInFlight(), config.maxQueued()),
                    buffers,
                    config.maxRecordSize(),
                    config.maxFragments()))
            .add(new ConnectionLimitFilter(config.maxConnections()))
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

  /**
   * Pool buffers leased right now (records being read or served, replies being written); zero when
   * the server is idle. For tests and metrics; valid after {@link #start()}.
   */
  public synchronized int leasedBuffers() {
    if (buffers == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return buffers.leased();
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
      LOG.info("{} on port {} stopped", name, port);
    }
  }
}
