package org.ferryfs.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Hand-built ONC RPC messages (RFC 5531) over a raw TCP socket, so tests can send what no
 * well-behaved client would.
 */
final class RawRpc implements AutoCloseable {
  static final int NFS_PROGRAM = 100003;
  static final int MOUNT_PROGRAM = 100005;

  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;

  RawRpc(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(15_000);
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(socket.getInputStream());
  }

  /** A CALL body: header with AUTH_NONE credential and verifier, then {@code args}. */
  static byte[] call(
      int xid, int rpcvers, int prog, int vers, int proc, int authFlavor, byte[] args)
      throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.writeInt(xid);
    d.writeInt(0); // CALL
    d.writeInt(rpcvers);
    d.writeInt(prog);
    d.writeInt(vers);
    d.writeInt(proc);
    d.writeInt(authFlavor); // credential flavor
    d.writeInt(0); // credential body length
    d.writeInt(0); // verifier AUTH_NONE
    d.writeInt(0);
    d.write(args);
    return b.toByteArray();
  }

  /** Sends one complete record (last-fragment bit set). */
  void sendRecord(byte[] body) throws IOException {
    out.writeInt(0x80000000 | body.length);
    out.write(body);
    out.flush();
  }

  /** Sends raw bytes, record marking and all. */
  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** A parsed reply header. */
  record Reply(int xid, boolean accepted, int stat, int low, int high) {}

  /** Reads one reply record. */
  Reply readReply() throws IOException {
    int marker = in.readInt();
    int len = marker & 0x7fffffff;
    byte[] body = new byte[len];
    in.readFully(body);
    DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(body));
    int xid = d.readInt();
    if (d.readInt() != 1) {
      throw new IOException("not a REPLY");
    }
    int replyStat = d.readInt();
    if (replyStat == 0) {
      d.readInt(); // verifier flavor
      d.skipBytes((d.readInt() + 3) & ~3);
      int accept = d.readInt();
      int low = -1;
      int high = -1;
      if (accept == 2) { // PROG_MISMATCH
        low = d.readInt();
        high = d.readInt();
      }
      return new Reply(xid, true, accept, low, high);
    }
    int reject = d.readInt();
    int low = -1;
    int high = -1;
    if (reject == 0) { // RPC_MISMATCH
      low = d.readInt();
      high = d.readInt();
    } else {
      low = d.readInt(); // auth_stat
    }
    return new Reply(xid, false, reject, low, high);
  }

  /** True if the server closed the connection (EOF or reset) within the socket timeout. */
  boolean closedByServer() {
    try {
      while (in.read() >= 0) {
        // drain anything sent before the close
      }
      return true;
    } catch (EOFException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
