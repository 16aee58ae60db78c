package org.ferryfs.nfs.rpc;

import java.net.InetAddress;
import java.util.Objects;

/**
 * How an {@link RpcServer} listens and what it accepts.
 *
 * @param address the address to bind
 * @param port the TCP port; 0 picks a free one
 * @param maxRecordSize most bytes one RPC record may hold (RFC 5531 §11), all fragments together
 * @param maxFragments most fragments one record may have
 * @param maxInFlight calls per connection running or waiting for their reply to be written
 * @param maxQueued calls per connection queued beyond {@code maxInFlight} before it is closed
 * @param selectorThreads Grizzly selector threads (they only frame and decode headers)
 * @param maxConnections connections open at once; more are closed as they are accepted
 */
public record RpcServerConfig(
    InetAddress address,
    int port,
    int maxRecordSize,
    int maxFragments,
    int maxInFlight,
    int maxQueued,
    int selectorThreads,
    int maxConnections) {

  /** 1 MiB of data (our rtmax/wtmax) plus room for the RPC and NFS headers. */
  public static final int DEFAULT_MAX_RECORD_SIZE = (1 << 20) + 8192;

  /** Fragments per record; real clients send one, a few at most. */
  public static final int DEFAULT_MAX_FRAGMENTS = 1024;

  /** Calls in flight per connection. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  /** Safety net behind {@link #maxInFlight}; see {@link ConnectionState}. */
  public static final int DEFAULT_MAX_QUEUED = 16384;

  /** Connections open at once (each may buffer up to one record). */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;

  public RpcServerConfig {
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within 0..65535, got " + port);
    }
    if (maxRecordSize < 1024) {
      throw new IllegalArgumentException("maxRecordSize must be >= 1024, got " + maxRecordSize);
    }
    if (maxFragments < 1
        || maxInFlight < 1
        || maxQueued < 1
        || selectorThreads < 1
        || maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxFragments, maxInFlight, maxQueued, selectorThreads and maxConnections must be"
              + " positive");
    }
  }

  /** Defaults for everything but where to listen. */
  public static RpcServerConfig of(InetAddress address, int port) {
    return new RpcServerConfig(
        address,
        port,
        DEFAULT_MAX_RECORD_SIZE,
        DEFAULT_MAX_FRAGMENTS,
        DEFAULT_MAX_IN_FLIGHT,
        DEFAULT_MAX_QUEUED,
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        DEFAULT_MAX_CONNECTIONS);
  }

  public RpcServerConfig withMaxInFlight(int n) {
    return new RpcServerConfig(
        address, port, maxRecordSize, maxFragments, n, maxQueued, selectorThreads, maxConnections);
  }

  public RpcServerConfig withMaxConnections(int n) {
    return new RpcServerConfig(
        address, port, maxRecordSize, maxFragments, maxInFlight, maxQueued, selectorThreads, n);
  }
}
