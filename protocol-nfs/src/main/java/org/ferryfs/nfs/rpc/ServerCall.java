package org.ferryfs.nfs.rpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dcache.oncrpc4j.rpc.MismatchInfo;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.rpc.RpcAccepsStatus;
import org.dcache.oncrpc4j.rpc.RpcAuthType;
import org.dcache.oncrpc4j.rpc.RpcMessageType;
import org.dcache.oncrpc4j.rpc.RpcReplyStatus;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.ferryfs.nfs.xdr.XdrEncoder;
import org.ferryfs.nfs.xdr.XdrType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one call: its arguments, its one reply, and the buffers it holds.
 *
 * <p>Design note. The reply (RFC 5531 §9 {@code reply_body}) is encoded with an {@link XdrEncoder}
 * into pooled direct buffers, record marker (§11) included, so the socket writes it without a copy;
 * a procedure may add buffers of its own to the reply without copying them ({@link #take(int)},
 * then {@link XdrEncoder#xdrEncodeShallow}). A body that fails to encode is replaced by SYSTEM_ERR.
 * Everything the call holds — the received record its arguments are a view of, the reply's buffers,
 * the procedure's buffers — is released exactly once, in {@link #finish()}: when the reply has been
 * written or lost, or when the call ends without one; the call's slot on its connection is freed
 * then too ({@link CallSlot}).
 */
public final class ServerCall implements XdrEncoder.Allocator, ReplyBuffers {

  private static final Logger LOG = LoggerFactory.getLogger(ServerCall.class);

  /** RFC 5531 §11: the marker bit of the last fragment of a record. */
  static final int LAST_FRAGMENT = 0x8000_0000;

  /** Marker, xid, REPLY, MSG_ACCEPTED, verifier flavor and length, accept_stat. */
  private static final int ACCEPTED_HEADER = 28;

  private final int xid;
  private final Xdr args;
  private final ReplyChannel channel;
  private final IoBuffers buffers;
  private final CallSlot slot;
  private final AtomicBoolean leftSlot = new AtomicBoolean();
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean replied;
  private final List<Lease> leases = new ArrayList<>(4); // guarded by itself

  /**
   * @param xid the call's transaction id
   * @param args the arguments, or {@code null} for a call denied before they were reached
   * @param record the received record {@code args} is a view of, released at finish; or {@code
   *     null}
   * @param channel where the reply goes
   * @param buffers where reply buffers come from
   * @param slot the call's slot on its connection: {@link CallSlot#replying()} just before the
   *     reply is written, {@link CallSlot#done()} once it is (or is lost, or {@link #finish()} is
   *     called without a reply)
   */
  ServerCall(
      int xid, Xdr args, Lease record, ReplyChannel channel, IoBuffers buffers, CallSlot slot) {
    this.xid = xid;
    this.args = args;
    this.channel = channel;
    this.buffers = buffers;
    this.slot = slot;
    if (record != null) {
      leases.add(record);
    }
  }

  public int xid() {
    return xid;
  }

  /** The arguments, positioned at their first byte. */
  public Xdr args() {
    return args;
  }

  /** True once a reply has been handed to the channel. */
  public boolean replied() {
    return replied;
  }

  @Override
  public ByteBuffer allocate(int capacity) {
    Lease lease = buffers.lease(capacity);
    synchronized (leases) {
      leases.add(lease);
    }
    return lease.buffer();
  }

  @Override
  public ByteBuffer take(int capacity) {
    return allocate(capacity).limit(capacity);
  }

  /** Sends a SUCCESS reply with {@code body}. */
  public void reply(XdrType body) {
    accepted(RpcAccepsStatus.SUCCESS, body::encode, body.sizeHint());
  }

  /** PROG_UNAVAIL (RFC 5531 §9). */
  public void failProgramUnavailable() {
    accepted(RpcAccepsStatus.PROG_UNAVAIL, null, 0);
  }

  /** PROG_MISMATCH with the lowest and highest version served (RFC 5531 §9). */
  public void failProgramMismatch(int low, int high) {
    accepted(RpcAccepsStatus.PROG_MISMATCH, new MismatchInfo(low, high)::xdrEncode, 8);
  }

  /** PROC_UNAVAIL (RFC 5531 §9). */
  public void failProcedureUnavailable() {
    accepted(RpcAccepsStatus.PROC_UNAVAIL, null, 0);
  }

  /** GARBAGE_ARGS (RFC 5531 §9). */
  public void failRpcGarbage() {
    accepted(RpcAccepsStatus.GARBAGE_ARGS, null, 0);
  }

  /** SYSTEM_ERR (RFC 5531 §9). */
  public void failRpcSystem() {
    accepted(RpcAccepsStatus.SYSTEM, null, 0);
  }

  /** A body encoder that may throw what oncrpc4j's {@link XdrAble#xdrEncode} throws. */
  @FunctionalInterface
  private interface Body {
    void encode(XdrEncoder out) throws OncRpcException, IOException;
  }

  private void accepted(int acceptStat, Body body, int sizeHint) {
    List<ByteBuffer> record;
    try {
      XdrEncoder out = new XdrEncoder(this, ACCEPTED_HEADER + Math.max(0, sizeHint));
      out.xdrEncodeInt(0); // the record marker, set by seal
      out.xdrEncodeInt(xid);
      out.xdrEncodeInt(RpcMessageType.REPLY);
      out.xdrEncodeInt(RpcReplyStatus.MSG_ACCEPTED);
      // RFC 5531 §8.2: with AUTH_NONE and AUTH_SYS the reply verifier is AUTH_NONE, empty.
      out.xdrEncodeInt(RpcAuthType.NONE);
      out.xdrEncodeInt(0);
      out.xdrEncodeInt(acceptStat);
      if (body != null) {
        body.encode(out);
      }
      record = seal(out);
    } catch (IOException | RuntimeException e) {
      LOG.error("failed to encode the reply to {}; answering SYSTEM_ERR instead", this, e);
      record = systemError();
    }
    send(record);
  }

  /** MSG_DENIED with {@code status} and its {@code reason} (RFC 5531 §9 {@code rejected_reply}). */
  public void reject(int status, XdrAble reason) {
    List<ByteBuffer> record;
    try {
      XdrEncoder out = new XdrEncoder(this, 64);
      out.xdrEncodeInt(0);
      out.xdrEncodeInt(xid);
      out.xdrEncodeInt(RpcMessageType.REPLY);
      out.xdrEncodeInt(RpcReplyStatus.MSG_DENIED);
      out.xdrEncodeInt(status);
      reason.xdrEncode(out);
      record = seal(out);
    } catch (IOException | RuntimeException e) {
      LOG.error("failed to encode the rejection of {}; answering SYSTEM_ERR instead", this, e);
      record = systemError();
    }
    send(record);
  }

  private List<ByteBuffer> systemError() {
    XdrEncoder out = XdrEncoder.onHeap(32);
    out.xdrEncodeInt(0);
    out.xdrEncodeInt(xid);
    out.xdrEncodeInt(RpcMessageType.REPLY);
    out.xdrEncodeInt(RpcReplyStatus.MSG_ACCEPTED);
    out.xdrEncodeInt(RpcAuthType.NONE);
    out.xdrEncodeInt(0);
    out.xdrEncodeInt(RpcAccepsStatus.SYSTEM);
    return seal(out);
  }

  /** Writes the record marker: one fragment, the last, of everything after the marker. */
  private static List<ByteBuffer> seal(XdrEncoder out) {
    int length = out.length() - 4;
    List<ByteBuffer> segments = out.finish();
    ByteBuffer first = segments.get(0);
    first.putInt(first.position(), LAST_FRAGMENT | length);
    return segments;
  }

  private void send(List<ByteBuffer> record) {
    if (replied) {
      throw new IllegalStateException("call " + this + " has been answered already");
    }
    replied = true;
    leaveRunning();
    try {
      channel.send(record, this::finish);
    } catch (RuntimeException e) {
      LOG.debug("reply to {} not sent: {}", this, e.toString());
      finish();
    }
  }

  private void leaveRunning() {
    if (leftSlot.compareAndSet(false, true)) {
      slot.replying();
    }
  }

  /** Releases what the call holds and frees its slot; idempotent. */
  public void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    leaveRunning();
    try {
      List<Lease> held;
      synchronized (leases) {
        held = List.copyOf(leases);
        leases.clear();
      }
      for (Lease l : held) {
        l.release();
      }
    } finally {
      slot.done();
    }
  }

  @Override
  public String toString() {
    return "call xid=" + Integer.toUnsignedString(xid, 16);
  }
}
