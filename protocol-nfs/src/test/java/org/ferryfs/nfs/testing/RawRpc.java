package org.ferryfs.nfs.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Hand-built ONC RPC messages (RFC 5531) and a raw TCP connection to send them, for tests that must
 * put exact bytes — or wrong ones — on the wire.
 */
public final class RawRpc {

  public static final int CALL = 0;
  public static final int REPLY = 1;
  public static final int AUTH_NONE = 0;
  public static final int AUTH_SYS = 1;

  private RawRpc() {}

  /** A big-endian XDR byte builder. */
  public static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Bytes u32(int v) {
      out.write(v >>> 24);
      out.write(v >>> 16);
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    public Bytes u64(long v) {
      return u32((int) (v >>> 32)).u32((int) v);
    }

    /** Variable-length opaque: length, bytes, zero padding. */
    public Bytes opaque(byte[] b) {
      u32(b.length);
      return fixed(b);
    }

    /** Fixed-length opaque: bytes and zero padding. */
    public Bytes fixed(byte[] b) {
      out.write(b, 0, b.length);
      for (int i = b.length; (i & 3) != 0; i++) {
        out.write(0);
      }
      return this;
    }

    public Bytes string(String s) {
      return opaque(s.getBytes(StandardCharsets.UTF_8));
    }

    public Bytes raw(byte[] b) {
      out.write(b, 0, b.length);
      return this;
    }

    public byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  /** An AUTH_SYS credential body (RFC 5531 Appendix A). */
  public static byte[] authSysBody(int uid, int gid, int... gids) {
    Bytes b = new Bytes().u32(0).string("test-host").u32(uid).u32(gid).u32(gids.length);
    for (int g : gids) {
      b.u32(g);
    }
    return b.toByteArray();
  }

  /** A CALL message (RFC 5531 §9) with the given credential and an AUTH_NONE verifier. */
  public static byte[] call(
      int xid,
      int rpcvers,
      int prog,
      int vers,
      int proc,
      int credFlavor,
      byte[] credBody,
      byte[] args) {
    return new Bytes()
        .u32(xid)
        .u32(CALL)
        .u32(rpcvers)
        .u32(prog)
        .u32(vers)
        .u32(proc)
        .u32(credFlavor)
        .opaque(credBody)
        .u32(AUTH_NONE)
        .u32(0)
        .raw(args)
        .toByteArray();
  }

  /** A well-formed AUTH_SYS call (uid 0) of RPC version 2. */
  public static byte[] call(int xid, int prog, int vers, int proc, byte[] args) {
    return call(xid, 2, prog, vers, proc, AUTH_SYS, authSysBody(0, 0), args);
  }

  /** One record of one fragment (RFC 5531 §11). */
  public static byte[] record(byte[] message) {
    return new Bytes().u32(0x8000_0000 | message.length).raw(message).toByteArray();
  }

  /**
   * A decoded reply (RFC 5531 §9 {@code reply_body}).
   *
   * @param xid the xid
   * @param replyStat MSG_ACCEPTED (0) or MSG_DENIED (1)
   * @param acceptStat for accepted replies: SUCCESS 0, PROG_UNAVAIL 1, PROG_MISMATCH 2,
   *     PROC_UNAVAIL 3, GARBAGE_ARGS 4, SYSTEM_ERR 5
   * @param rejectStat for denied replies: RPC_MISMATCH 0, AUTH_ERROR 1
   * @param low mismatch low (PROG_MISMATCH, RPC_MISMATCH)
   * @param high mismatch high
   * @param authStat auth_stat for AUTH_ERROR
   * @param body the procedure's result bytes for SUCCESS
   */
  public record Reply(
      int xid,
      int replyStat,
      int acceptStat,
      int rejectStat,
      int low,
      int high,
      int authStat,
      byte[] body) {

    public static Reply parse(byte[] message) {
      ByteBuffer b = ByteBuffer.wrap(message);
      int xid = b.getInt();
      int type = b.getInt();
      if (type != REPLY) {
        throw new IllegalArgumentException("not a reply: type " + type);
      }
      int replyStat = b.getInt();
      if (replyStat == 0) {
        b.getInt(); // verifier flavor
        int len = b.getInt();
        b.position(b.position() + len + ((4 - (len & 3)) & 3));
        int accept = b.getInt();
        int low = -1;
        int high = -1;
        if (accept == 2) {
          low = b.getInt();
          high = b.getInt();
        }
        byte[] body = Arrays.copyOfRange(message, b.position(), message.length);
        return new Reply(xid, 0, accept, -1, low, high, -1, body);
      }
      int reject = b.getInt();
      if (reject == 0) {
        return new Reply(xid, 1, -1, 0, b.getInt(), b.getInt(), -1, new byte[0]);
      }
      return new Reply(xid, 1, -1, reject, -1, -1, b.getInt(), new byte[0]);
    }
  }

  /** A raw TCP connection speaking record marking. */
  public static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    public Connection(InetSocketAddress server) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(server, 5000);
      out = socket.getOutputStream();
      in = new DataInputStream(socket.getInputStream());
    }

    public void send(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /** Sends {@code message} as one record. */
    public void sendRecord(byte[] message) throws IOException {
      send(record(message));
    }

    /**
     * Reads one reply record.
     *
     * @throws SocketTimeoutException if none arrives within {@code timeout}
     * @throws EOFException if the server closed the connection
     */
    public Reply readReply(Duration timeout) throws IOException {
      socket.setSoTimeout((int) timeout.toMillis());
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        int marker = in.readInt();
        byte[] fragment = new byte[marker & 0x7FFF_FFFF];
        in.readFully(fragment);
        message.write(fragment, 0, fragment.length);
        if (marker < 0) {
          return Reply.parse(message.toByteArray());
        }
      }
    }

    /** True if the server closes the connection within {@code timeout} (any data is skipped). */
    public boolean closedWithin(Duration timeout) throws IOException {
      long deadline = System.nanoTime() + timeout.toNanos();
      InputStream raw = socket.getInputStream();
      byte[] skip = new byte[4096];
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        try {
          if (raw.read(skip) < 0) {
            return true;
          }
        } catch (SocketTimeoutException e) {
          return false;
        } catch (IOException e) {
          return true; // reset by the server
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
