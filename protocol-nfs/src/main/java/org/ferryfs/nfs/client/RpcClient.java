package org.ferryfs.nfs.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dcache.oncrpc4j.rpc.IoStrategy;
import org.dcache.oncrpc4j.rpc.OncRpcClient;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.ferryfs.nfs.xdr.XdrAbles;
import org.ferryfs.nfs.xdr.XdrDecoder;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * One TCP connection to one ONC RPC program version, on oncrpc4j's {@link OncRpcClient}: every call
 * has a timeout, arguments and results are our own XDR types. Thread-safe; calls may overlap.
 */
public final class RpcClient implements AutoCloseable {

  private final OncRpcClient client;
  private final RpcCall call;
  private final Duration timeout;
  private final InetSocketAddress server;

  /**
   * Connects.
   *
   * @param server where the program listens
   * @param program program number
   * @param version program version
   * @param auth the credential sent with every call
   * @param timeout limit of the connect and of every call
   */
  public RpcClient(
      InetSocketAddress server, int program, int version, RpcAuth auth, Duration timeout)
      throws IOException {
    this.server = Objects.requireNonNull(server, "server");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.client =
        OncRpcClient.newBuilder()
            .withTCP()
            .withIoStrategy(IoStrategy.SAME_THREAD)
            .withSelectorThreadPoolSize(1)
            .withTcpNoDelay(true)
            .withServiceName("ferry-rpc-client")
            .withConnectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .build(server);
    RpcTransport transport;
    try {
      transport = client.connect();
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
    this.call = new RpcCall(program, version, auth, transport);
  }

  /**
   * Calls {@code procedure} and decodes its result.
   *
   * @throws RpcTimeoutException if no reply came within the timeout
   * @throws IOException if the connection failed, the call was rejected at the RPC level, or the
   *     reply could not be decoded
   */
  public <T> T call(int procedure, XdrType args, XdrDecoder<T> decoder) throws IOException {
    XdrAbles.Decoding<T> result = XdrAbles.decoding(decoder);
    try {
      call.call(
          procedure, XdrAbles.encoding(args), result, timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new RpcTimeoutException(
          "no reply to procedure " + procedure + " from " + server + " within " + timeout);
    }
    return result.value();
  }

  public InetSocketAddress server() {
    return server;
  }

  @Override
  public void close() throws IOException {
    client.close();
  }

  /** No reply arrived in time. */
  public static final class RpcTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    public RpcTimeoutException(String message) {
      super(message);
    }
  }
}
