package org.ferryfs.backend.smb;

import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.Share;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.SocketFactory;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one authenticated session and tree connect a backend shares among all its exports and threads
 * (smbj multiplexes concurrent requests on it, within the credits the server grants).
 *
 * <p>Design note: {@link #live()} hands out the current {@link Live} connection, connecting anew
 * when there is none or when the old one dropped (a backend restart closes the TCP connection, and
 * smbj notices at once). A call that fails because the connection is gone reports {@link
 * #lost(Live)} and fails {@link BackendStatus#UNAVAILABLE}; the next call reconnects. So Ferry
 * never needs restarting after a backend comes back. Connecting, negotiating and authenticating are
 * each bounded by the call timeout: the TCP connect through our own socket factory (smbj's default
 * one connects without a timeout), every request through smbj's read/write/transact timeouts.
 * smbj's socket read timeout stays 0: smbj drops the connection when its reader thread times out,
 * which an idle backend must not cause.
 *
 * <p>Signing and encryption: the client enables signing and requires neither; smbj signs when the
 * server requires signing. A server that requires encryption refuses the session of a client that
 * does not offer it (Samba: ACCESS_DENIED at session setup); the connector then reconnects offering
 * SMB3 encryption, and smbj encrypts all of this backend's traffic from then on. Dialects offered:
 * SMB 3.1.1, 3.0.2, 3.0, 2.1, 2.0.2.
 */
final class SmbConnector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmbConnector.class);

  /** Largest read or write per request; the server's negotiated maximum may lower it. */
  static final int MAX_IO = 8 * 1024 * 1024;

  /** One connected session with its tree connect; {@code generation} counts reconnects. */
  record Live(Connection connection, Session session, DiskShare share, long generation) {
    boolean usable() {
      return connection.isConnected() && share.isConnected();
    }

    /** Bytes per READ request. */
    int readSize() {
      return Math.min(MAX_IO, connection.getNegotiatedProtocol().getMaxReadSize());
    }

    /** Bytes per WRITE request. */
    int writeSize() {
      return Math.min(MAX_IO, connection.getNegotiatedProtocol().getMaxWriteSize());
    }
  }

  /** NTSTATUS ACCESS_DENIED. */
  private static final long ACCESS_DENIED = 0xC0000022L;

  private final String backend;
  private final SmbLocation location;
  private final AuthenticationContext auth;
  private final SMBClient client;
  private final SMBClient encryptingClient;
  private volatile boolean encrypt;
  private final ReentrantLock lock = new ReentrantLock();
  private Live live;
  private long generation;
  private boolean closed;

  SmbConnector(String backend, SmbLocation location, SmbCredentials credentials, Duration timeout) {
    this.backend = backend;
    this.location = location;
    this.auth = credentials.context();
    long ms = Math.max(1, timeout.toMillis());
    this.client = new SMBClient(config(ms, false));
    this.encryptingClient = new SMBClient(config(ms, true));
  }

  /**
   * smbj's settings. {@code encrypt} advertises SMB3 encryption, and smbj then encrypts all traffic
   * whenever the server supports it; so it is used only once a server refused the plain client's
   * session because it requires encryption.
   */
  private static SmbConfig config(long ms, boolean encrypt) {
    return SmbConfig.builder()
        .withDialects(
            SMB2Dialect.SMB_3_1_1,
            SMB2Dialect.SMB_3_0_2,
            SMB2Dialect.SMB_3_0,
            SMB2Dialect.SMB_2_1,
            SMB2Dialect.SMB_2_0_2)
        .withSigningEnabled(true)
        .withSigningRequired(false)
        .withEncryptData(encrypt)
        .withDfsEnabled(false)
        .withBufferSize(MAX_IO)
        .withTimeout(ms, TimeUnit.MILLISECONDS)
        .withSoTimeout(0, TimeUnit.MILLISECONDS)
        .withSocketFactory(new TimedSocketFactory((int) Math.min(Integer.MAX_VALUE, ms)))
        .build();
  }

  /** The current connection, connecting (again) if there is none or it dropped. */
  Live live() throws BackendException {
    lock.lock();
    try {
      if (closed) {
        throw new BackendException(
            BackendStatus.UNAVAILABLE, "backend '" + backend + "' has been closed");
      }
      if (live != null && live.usable()) {
        return live;
      }
      if (live != null) {
        LOG.info("backend {}: connection to {} lost, reconnecting", backend, location.display());
        discard(live);
        live = null;
      }
      try {
        live = connect();
      } catch (BackendException e) {
        if (encrypt
            || !(e.getCause() instanceof SMBApiException api)
            || (api.getStatusCode() & 0xFFFFFFFFL) != ACCESS_DENIED) {
          throw e;
        }
        // Samba refuses a session with ACCESS_DENIED (a wrong password is LOGON_FAILURE) when it
        // requires encryption and the client did not offer it: offer it from now on
        LOG.info(
            "backend {}: {} refused an unencrypted session; encrypting this backend's traffic",
            backend,
            location.display());
        encrypt = true;
        live = connect();
      }
      return live;
    } finally {
      lock.unlock();
    }
  }

  /** Whether this backend's traffic is encrypted (the server required it). */
  boolean encrypting() {
    return encrypt;
  }

  /** Reports that {@code dead} failed at the transport level; the next call reconnects. */
  void lost(Live dead) {
    lock.lock();
    try {
      if (live == dead && live != null) {
        discard(live);
        live = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private Live connect() throws BackendException {
    String where = "backend '" + backend + "': " + location.display();
    Connection connection;
    try {
      connection = (encrypt ? encryptingClient : client).connect(location.host(), location.port());
    } catch (IOException | RuntimeException e) {
      BackendException mapped = SmbErrors.map(e, where + ": cannot connect");
      throw new BackendException(
          mapped.status() == BackendStatus.TIMED_OUT
              ? BackendStatus.TIMED_OUT
              : BackendStatus.UNAVAILABLE,
          mapped.getMessage(),
          e);
    }
    Session session = null;
    try {
      try {
        session = connection.authenticate(auth);
      } catch (RuntimeException e) {
        BackendException mapped = SmbErrors.map(e, where + ": authentication failed");
        if (mapped.status() == BackendStatus.ACCESS_DENIED) {
          throw new BackendException(
              BackendStatus.ACCESS_DENIED,
              where
                  + ": the server refused the configured account (wrong username, password or"
                  + " domain) — "
                  + mapped.getMessage(),
              e);
        }
        throw mapped;
      }
      Share share;
      try {
        share = session.connectShare(location.share());
      } catch (RuntimeException e) {
        BackendException mapped =
            SmbErrors.map(e, where + ": cannot connect to share '" + location.share() + "'");
        if (mapped.status() == BackendStatus.NOT_FOUND) {
          throw new BackendException(
              BackendStatus.NOT_FOUND,
              where + ": the server has no share '" + location.share() + "'",
              e);
        }
        throw mapped;
      }
      if (!(share instanceof DiskShare disk)) {
        closeQuietly(share);
        throw new BackendException(
            BackendStatus.INVALID_ARGUMENT,
            where + ": '" + location.share() + "' is not a disk share");
      }
      generation++;
      Live l = new Live(connection, session, disk, generation);
      LOG.info(
          "backend {}: connected to {} ({}, read {} / write {} bytes per request{})",
          backend,
          location.display(),
          connection.getNegotiatedProtocol().getDialect(),
          l.readSize(),
          l.writeSize(),
          session.isSigningRequired() ? ", signed" : "");
      return l;
    } catch (BackendException | RuntimeException e) {
      closeQuietly(session);
      closeQuietly(connection);
      throw e;
    }
  }

  /**
   * Drops a connection that failed: no tree disconnect or logoff (a frozen server would make each
   * wait for the timeout), just the socket.
   */
  private void discard(Live l) {
    try {
      l.connection().close(true);
    } catch (IOException | RuntimeException e) {
      LOG.debug("backend {}: closing a dead connection: {}", backend, e.toString());
    }
  }

  private void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("backend {}: close: {}", backend, e.toString());
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      if (live != null) {
        Live l = live;
        live = null;
        closeQuietly(l.share());
        closeQuietly(l.session());
        closeQuietly(l.connection());
      }
      client.close();
      encryptingClient.close();
    } finally {
      lock.unlock();
    }
  }

  /** Connects with a timeout; smbj's default socket factory would wait as long as the OS does. */
  private static final class TimedSocketFactory extends SocketFactory {
    private final int timeoutMillis;

    TimedSocketFactory(int timeoutMillis) {
      this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Socket createSocket() {
      return new Socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int lp)
        throws IOException {
      return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress address) throws IOException {
      Socket s = new Socket();
      try {
        s.setTcpNoDelay(true);
        s.connect(address, timeoutMillis);
        return s;
      } catch (IOException e) {
        s.close();
        throw e;
      }
    }
  }
}
