package org.ferryfs.nfs.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
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
 * declared so, averaging at most 0.5 ms lately, and every backend local — see {@code
 * FileService.callsAreLocal}, since a call to a network backend can hang until its timeout) runs
 * right there on the selector thread when no other call of its connection is running; every other
 * call goes to a pool of platform threads that grows on demand, with virtual threads beyond it
 * ({@link CallExecutor}). So a client that waits for each reply (libnfs, most tools) is served with
 * no thread hand-off — each one is a futex wake-up and a context switch, tens of µs on a small
 * machine next to a GETATTR of about 10 µs — while a pipelining client's calls and slow procedures
 * (COMMIT, a slow backend) still run in parallel and hold up the selector for at most about the
 * budget. The same-thread I/O strategy keeps a connection's reading switchable for back-pressure.
 * Replies are encoded into pooled direct buffers, READ data is read into one and sent from it as it
 * is ({@link ServerCall}), WRITE data is a view of the received buffer: no byte is copied in user
 * space on the way between socket and file, and no buffer is allocated (and zero-filled) per call.
 *
 * <p>Measured on the loopback benchmark (docs/benchmarks.md; 2 cores, nfsbench medians): the
 * buffers took READ 1 MiB from 1.7 to 4.2 GiB/s; running on the selector took it to 5.6 GiB/s and
 * 2,000-file stat from 12 k to 23 k files/s. For the calls that still leave the selector, platform
 * threads beat virtual ones where it matters: a virtual thread blocked in file I/O makes the
 * scheduler compensate with another carrier (1 MiB WRITEs all off the selector: 976 MiB/s on
 * virtual threads, 1472 on platform threads). Polling the socket for the client's next call before
 * going back to epoll was tried and dropped: on this VM it halved stat throughput.
 *
 * <p>The price of running on the selector: a call that blocks there (a hung backend) holds up every
 * other connection of that selector until it returns, as a slow call in any event loop does; the
 * budget makes a procedure that has become slow leave the selector after a few calls, and backend
 * drivers bound their calls with timeouts. oncrpc4j's {@code OncRpcSvc} is not used: it bounds
 * neither record sizes nor calls in flight.
 */
public final class RpcServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

  /** Most platform threads running calls; more calls in parallel get virtual threads. */
  static final int CALL_THREADS = 256;

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
    executor = new CallExecutor(name, 2 * Runtime.getRuntime().availableProcessors(), CALL_THREADS);
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
