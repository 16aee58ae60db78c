package org.ferryfs.nfs.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dcache.oncrpc4j.rpc.RpcAccepsStatus;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcAuthType;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcMessageType;
import org.dcache.oncrpc4j.rpc.RpcReplyStatus;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.ferryfs.nfs.xdr.XdrAbles;
import org.ferryfs.nfs.xdr.XdrType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one call: oncrpc4j's {@link RpcCall} with its reply path replaced.
 *
 * <p>Why replace it: oncrpc4j encodes the reply into the request's own buffer (which may be a view
 * of the connection's input) and swallows encoding errors without sending anything, which would
 * leave the client waiting and leak the call's in-flight slot. Here every reply is encoded into a
 * fresh buffer sized by the body's hint; a body that fails to encode is replaced by SYSTEM_ERR; and
 * {@code onFinish} runs exactly once, when the reply has been written (or could not be), which is
 * what frees the call's slot on its connection.
 */
public final class ServerCall extends RpcCall {

  private static final Logger LOG = LoggerFactory.getLogger(ServerCall.class);

  private final CallCredential credential;
  private final Runnable onFinish;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean replied;
  private RpcAuth auth;

  /**
   * @param credential the caller's credential, or {@code null} for a call denied before it was
   *     decoded
   * @param onFinish run once when the reply is written, failed, or {@link #finish()} is called
   */
  public ServerCall(
      int xid,
      int program,
      int version,
      int procedure,
      CallCredential credential,
      Xdr args,
      RpcTransport transport,
      Runnable onFinish) {
    // The oncrpc4j credential (RpcAuthTypeUnix builds a JAAS Subject) is only made if asked for:
    // the server's reply path does not need it.
    super(xid, program, version, procedure, null, args, transport);
    this.credential = credential;
    this.onFinish = onFinish;
  }

  @Override
  public synchronized RpcAuth getCredential() {
    if (auth == null && credential != null) {
      auth = credential.toRpcAuth();
    }
    return auth;
  }

  /** Sends a SUCCESS reply with {@code body}. */
  public void reply(XdrType body) {
    reply(XdrAbles.encoding(body));
  }

  /** True once a reply has been handed to the transport. */
  public boolean replied() {
    return replied;
  }

  @Override
  public void acceptedReply(int state, XdrAble body) {
    int hint = body instanceof XdrAbles.Encoding e ? e.value().sizeHint() : 64;
    Xdr out = new Xdr(Math.max(64, hint + 32));
    try {
      out.beginEncoding();
      out.xdrEncodeInt(getXid());
      out.xdrEncodeInt(RpcMessageType.REPLY);
      out.xdrEncodeInt(RpcReplyStatus.MSG_ACCEPTED);
      // RFC 5531 §8.2: with AUTH_NONE and AUTH_SYS the reply verifier is AUTH_NONE, empty.
      out.xdrEncodeInt(RpcAuthType.NONE);
      out.xdrEncodeInt(0);
      out.xdrEncodeInt(state);
      body.xdrEncode(out);
      out.endEncoding();
    } catch (IOException | RuntimeException e) {
      LOG.error("failed to encode the reply to {}; answering SYSTEM_ERR instead", this, e);
      out = systemError();
    }
    send(out);
  }

  @Override
  public void reject(int status, XdrAble reason) {
    Xdr out = new Xdr(64);
    try {
      out.beginEncoding();
      out.xdrEncodeInt(getXid());
      out.xdrEncodeInt(RpcMessageType.REPLY);
      out.xdrEncodeInt(RpcReplyStatus.MSG_DENIED);
      out.xdrEncodeInt(status);
      reason.xdrEncode(out);
      out.endEncoding();
    } catch (IOException | RuntimeException e) {
      LOG.error("failed to encode the rejection of {}; answering SYSTEM_ERR instead", this, e);
      out = systemError();
    }
    send(out);
  }

  private Xdr systemError() {
    Xdr out = new Xdr(32);
    out.beginEncoding();
    out.xdrEncodeInt(getXid());
    out.xdrEncodeInt(RpcMessageType.REPLY);
    out.xdrEncodeInt(RpcReplyStatus.MSG_ACCEPTED);
    out.xdrEncodeInt(RpcAuthType.NONE);
    out.xdrEncodeInt(0);
    out.xdrEncodeInt(RpcAccepsStatus.SYSTEM);
    out.endEncoding();
    return out;
  }

  private void send(Xdr out) {
    replied = true;
    RpcTransport transport = getTransport();
    try {
      transport.send(out, transport.getRemoteSocketAddress(), new Completion());
    } catch (RuntimeException e) {
      LOG.debug("reply to {} not sent: {}", this, e.toString());
      finish();
    }
  }

  /** Frees this call's slot; idempotent. */
  public void finish() {
    if (finished.compareAndSet(false, true)) {
      onFinish.run();
    }
  }

  private final class Completion implements CompletionHandler<Integer, InetSocketAddress> {
    @Override
    public void completed(Integer written, InetSocketAddress peer) {
      finish();
    }

    @Override
    public void failed(Throwable t, InetSocketAddress peer) {
      LOG.debug("reply to {} lost: {}", peer, t.toString());
      finish();
    }
  }
}
