package org.ferryfs.nfs.rpc;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.rpc.MismatchInfo;
import org.dcache.oncrpc4j.rpc.RpcAuthStat;
import org.dcache.oncrpc4j.rpc.RpcAuthType;
import org.dcache.oncrpc4j.rpc.RpcMessageType;
import org.dcache.oncrpc4j.rpc.RpcRejectStatus;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.glassfish.grizzly.memory.ByteBufferWrapper;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Decodes and checks the header of one RPC record (RFC 5531 §9 {@code rpc_msg} / {@code
 * call_body}).
 *
 * <p>Every field is read with an explicit bounds check, so a truncated or hostile header becomes an
 * {@link Outcome}, never an exception:
 *
 * <ul>
 *   <li>fewer than 4 bytes, or not a CALL (a REPLY, an unknown message type), or a header cut short
 *       before the credential → {@link Drop} (the connection is closed: nothing sensible can be
 *       answered);
 *   <li>{@code rpcvers != 2} → {@link Deny} RPC_MISMATCH(2, 2) (RFC 5531 §9);
 *   <li>a credential that is not AUTH_NONE or a well-formed AUTH_SYS (machine name ≤ 255 bytes, ≤
 *       16 groups, body ≤ 400 bytes, exactly consumed) → {@link Deny} AUTH_ERROR AUTH_BADCRED;
 *   <li>a verifier longer than 400 bytes or cut short → {@link Deny} AUTH_ERROR AUTH_BADVERF;
 *   <li>otherwise {@link Accept} with the arguments as an {@link Xdr} over the rest of the record.
 * </ul>
 */
public final class CallHeaderDecoder {

  private CallHeaderDecoder() {}

  /** The result of decoding one record's header. */
  public sealed interface Outcome {}

  /** A call to route. */
  public record Accept(RpcRequest request) implements Outcome {}

  /**
   * A call to answer with MSG_DENIED.
   *
   * @param xid the call's xid
   * @param rejectStatus {@link RpcRejectStatus} value
   * @param reason the body that follows the reject status
   * @param why for logs
   */
  public record Deny(int xid, int rejectStatus, XdrAble reason, String why) implements Outcome {}

  /** A record that cannot be answered; the connection should be closed. */
  public record Drop(String why) implements Outcome {}

  /**
   * Decodes the header of {@code record}: its bytes from position to limit; the position moves.
   *
   * @param record the complete record
   * @param remote the caller, recorded in the request
   */
  public static Outcome decode(ByteBuffer record, InetSocketAddress remote) {
    Reader r = new Reader(record);
    if (!r.has(8)) {
      return new Drop("record of " + record.remaining() + " bytes holds no RPC message header");
    }
    int xid = r.int32();
    int type = r.int32();
    if (type == RpcMessageType.REPLY) {
      return new Drop("a REPLY was sent to a server that makes no calls");
    }
    if (type != RpcMessageType.CALL) {
      return new Drop("message type " + type + " is neither CALL nor REPLY (RFC 5531 §9)");
    }
    if (!r.has(4)) {
      return new Drop("call cut short before rpcvers");
    }
    int rpcvers = r.int32();
    if (rpcvers != RpcLimits.RPC_VERSION) {
      return new Deny(
          xid,
          RpcRejectStatus.RPC_MISMATCH,
          new MismatchInfo(RpcLimits.RPC_VERSION, RpcLimits.RPC_VERSION),
          "rpcvers " + rpcvers + " is not 2");
    }
    if (!r.has(12)) {
      return new Drop("call cut short before prog/vers/proc");
    }
    int prog = r.int32();
    int vers = r.int32();
    int proc = r.int32();

    CallCredential credential = credential(r);
    if (credential == null) {
      return new Deny(
          xid, RpcRejectStatus.AUTH_ERROR, new XdrInt(RpcAuthStat.AUTH_BADCRED), r.problem);
    }
    if (!skipVerifier(r)) {
      return new Deny(
          xid, RpcRejectStatus.AUTH_ERROR, new XdrInt(RpcAuthStat.AUTH_BADVERF), r.problem);
    }
    ByteBuffer args = record.slice(); // from the current position to the record's end
    return new Accept(
        new RpcRequest(
            xid,
            prog,
            vers,
            proc,
            credential,
            new Xdr(new ByteBufferWrapper(args), MemoryManager.DEFAULT_MEMORY_MANAGER),
            remote));
  }

  private static CallCredential credential(Reader r) {
    if (!r.has(8)) {
      r.problem = "credential cut short";
      return null;
    }
    int flavor = r.int32();
    int len = r.int32();
    if (len < 0 || len > RpcLimits.MAX_AUTH_BYTES) {
      r.problem = "credential body of " + Integer.toUnsignedString(len) + " bytes exceeds 400";
      return null;
    }
    int padded = len + pad(len);
    if (!r.has(padded)) {
      r.problem = "credential body cut short";
      return null;
    }
    int end = r.position() + padded;
    CallCredential result;
    if (flavor == RpcAuthType.NONE) {
      result = new CallCredential.AuthNone();
    } else if (flavor == RpcAuthType.UNIX) {
      result = authSys(r, r.position() + len);
    } else {
      r.problem = "credential flavor " + flavor + " is not supported (AUTH_NONE, AUTH_SYS only)";
      result = null;
    }
    r.position(end);
    return result;
  }

  /** RFC 5531 Appendix A {@code authsys_parms}, which must fill the body exactly. */
  private static CallCredential authSys(Reader r, int bodyEnd) {
    r.limit = bodyEnd;
    try {
      if (!r.has(8)) {
        r.problem = "AUTH_SYS body cut short";
        return null;
      }
      int stamp = r.int32();
      int nameLen = r.int32();
      if (nameLen < 0 || nameLen > RpcLimits.MAX_MACHINE_NAME) {
        r.problem = "AUTH_SYS machine name longer than 255 bytes";
        return null;
      }
      if (!r.has(nameLen + pad(nameLen) + 12)) {
        r.problem = "AUTH_SYS body cut short";
        return null;
      }
      byte[] name = r.bytes(nameLen);
      r.skip(pad(nameLen));
      int uid = r.int32();
      int gid = r.int32();
      int ngids = r.int32();
      if (ngids < 0 || ngids > RpcLimits.MAX_GIDS) {
        r.problem = "AUTH_SYS has " + Integer.toUnsignedString(ngids) + " groups, more than 16";
        return null;
      }
      if (!r.has(4 * ngids)) {
        r.problem = "AUTH_SYS group list cut short";
        return null;
      }
      int[] gids = new int[ngids];
      for (int i = 0; i < ngids; i++) {
        gids[i] = r.int32();
      }
      if (r.position() != bodyEnd) {
        r.problem = "AUTH_SYS body has " + (bodyEnd - r.position()) + " bytes left over";
        return null;
      }
      return new CallCredential.AuthSys(
          stamp, new String(name, StandardCharsets.UTF_8), uid, gid, gids);
    } finally {
      r.limit = r.buffer.limit();
    }
  }

  private static boolean skipVerifier(Reader r) {
    if (!r.has(8)) {
      r.problem = "verifier cut short";
      return false;
    }
    r.int32(); // flavor: any is accepted and ignored (AUTH_NONE and AUTH_SYS carry no verifier)
    int len = r.int32();
    if (len < 0 || len > RpcLimits.MAX_AUTH_BYTES) {
      r.problem = "verifier body of " + Integer.toUnsignedString(len) + " bytes exceeds 400";
      return false;
    }
    if (!r.has(len + pad(len))) {
      r.problem = "verifier body cut short";
      return false;
    }
    r.skip(len + pad(len));
    return true;
  }

  private static int pad(int len) {
    return (4 - (len & 3)) & 3;
  }

  /** Bounds-checked big-endian reads over a buffer. */
  private static final class Reader {
    final ByteBuffer buffer;
    int limit;
    String problem = "";

    Reader(ByteBuffer buffer) {
      this.buffer = buffer;
      this.limit = buffer.limit();
    }

    boolean has(int n) {
      return n >= 0 && limit - buffer.position() >= n;
    }

    int position() {
      return buffer.position();
    }

    void position(int p) {
      buffer.position(p);
    }

    int int32() {
      int p = buffer.position();
      int v = buffer.getInt(p); // big-endian: a ByteBuffer's default order
      buffer.position(p + 4);
      return v;
    }

    byte[] bytes(int n) {
      byte[] b = new byte[n];
      buffer.get(b);
      return b;
    }

    void skip(int n) {
      buffer.position(buffer.position() + n);
    }
  }
}
