package org.ferryfs.smb.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.WireException;

/**
 * One open of a DCE/RPC named pipe: the server side of a connection-oriented association ([C706]
 * 12, [MS-RPCE] 3.3.3) without authentication, carrying NDR only.
 *
 * <p>Design note. The pipe is a byte stream in message mode: {@link #write} takes bytes (a PDU may
 * arrive split over several writes, several PDUs in one); each complete PDU is answered at once and
 * its reply bytes queue for {@link #read}. Input and output are bounded, so a client cannot make
 * the pipe hold more than a few fragments. Only the owning connection's request thread touches a
 * pipe.
 */
public final class RpcPipe {
  /** NDR transfer syntax 8a885d04-1ceb-11c9-9fe8-08002b104860 version 2 ([C706] appendix I). */
  static final byte[] NDR = RpcPdu.uuid("8a885d04-1ceb-11c9-9fe8-08002b104860");

  /** Bind time feature negotiation ([MS-RPCE] 3.3.1.5.3): UUID prefix 6cb71c2c-9812-4540. */
  static final byte[] BIND_TIME_PREFIX =
      Arrays.copyOf(RpcPdu.uuid("6cb71c2c-9812-4540-0000-000000000000"), 8);

  /** Most bytes of a request's stub across fragments, and most bytes waiting to be read. */
  static final int MAX_STUB = 256 * 1024;

  static final int MAX_CONTEXTS = 16;

  private final RpcInterface iface;
  private final ByteArrayOutputStream input = new ByteArrayOutputStream();
  private byte[] output = new byte[0];
  private int outputPos;
  private final Set<Integer> contexts = new HashSet<>();
  private int maxXmit = RpcPdu.MAX_FRAG;
  private ByteArrayOutputStream stub;
  private int stubOpnum;
  private int stubContext;

  public RpcPipe(RpcInterface iface) {
    this.iface = iface;
  }

  /** Bytes written by the client: each complete PDU is processed and answered. */
  public void write(byte[] data) throws WireException {
    if (input.size() + (long) data.length > RpcPdu.MAX_FRAG + (long) MAX_STUB) {
      throw new WireException("DCE/RPC input beyond " + MAX_STUB + " bytes");
    }
    input.write(data, 0, data.length);
    byte[] buf = input.toByteArray();
    int at = 0;
    while (buf.length - at >= RpcPdu.HEADER_SIZE) {
      int len = RpcPdu.fragLength(buf, at);
      if (len < RpcPdu.HEADER_SIZE || len > RpcPdu.MAX_FRAG) {
        throw new WireException("DCE/RPC frag_length " + len);
      }
      if (buf.length - at < len) {
        break;
      }
      pdu(new ByteReader(buf, at, at + len));
      at += len;
    }
    input.reset();
    input.write(buf, at, buf.length - at);
  }

  /** Up to {@code max} bytes of replies waiting to be read (none: an empty array). */
  public byte[] read(int max) {
    int n = Math.min(max, output.length - outputPos);
    byte[] out = Arrays.copyOfRange(output, outputPos, outputPos + n);
    outputPos += n;
    return out;
  }

  /** How many reply bytes wait to be read. */
  public int pending() {
    return output.length - outputPos;
  }

  /** FSCTL_PIPE_TRANSCEIVE: a write and a read of up to {@code max} bytes of its answer. */
  public byte[] transceive(byte[] data, int max) throws WireException {
    write(data);
    return read(max);
  }

  private void reply(byte[] pdu) throws WireException {
    if (pending() + (long) pdu.length > MAX_STUB + RpcPdu.MAX_FRAG) {
      throw new WireException("DCE/RPC replies are not being read");
    }
    byte[] rest = Arrays.copyOfRange(output, outputPos, output.length);
    output = Arrays.copyOf(rest, rest.length + pdu.length);
    System.arraycopy(pdu, 0, output, rest.length, pdu.length);
    outputPos = 0;
  }

  private void pdu(ByteReader r) throws WireException {
    RpcPdu h = RpcPdu.decode(r);
    switch (h.type()) {
      case RpcPdu.BIND, RpcPdu.ALTER_CONTEXT -> bind(h, r);
      case RpcPdu.REQUEST -> request(h, r);
      default -> throw new WireException("DCE/RPC PDU type " + h.type() + " is not served");
    }
  }

  /** [C706] 12.6.4.3 bind / 12.6.4.1 alter_context, answered by bind_ack / alter_context_resp. */
  private void bind(RpcPdu h, ByteReader r) throws WireException {
    int maxXmitFrag = r.u16();
    int maxRecvFrag = r.u16();
    int assocGroup = r.i32();
    int n = r.u8();
    r.skip(3);
    if (n > MAX_CONTEXTS) {
      throw new WireException("DCE/RPC bind with " + n + " contexts");
    }
    boolean isBind = h.type() == RpcPdu.BIND;
    if (h.authLength() != 0) {
      // No authentication level other than none is served: bind_nak, reason 8
      // (authentication_type_not_recognized), versions 5.0 supported.
      ByteWriter w = new ByteWriter(24);
      RpcPdu.encode(w, RpcPdu.BIND_NAK, RpcPdu.PFC_FIRST_FRAG | RpcPdu.PFC_LAST_FRAG, h.callId());
      w.u16(8).u8(1).u8(5).u8(0);
      reply(RpcPdu.finish(w));
      return;
    }
    ByteWriter results = new ByteWriter();
    results.u8(n).u8(0).u16(0);
    for (int i = 0; i < n; i++) {
      int contextId = r.u16();
      int transferCount = r.u8();
      r.skip(1);
      byte[] abstractUuid = r.bytes(16);
      int abstractMajor = r.u16();
      r.skip(2); // minor version
      boolean ndr = false;
      byte[] firstTransfer = null;
      for (int t = 0; t < transferCount; t++) {
        byte[] ts = r.bytes(16);
        int version = r.i32();
        firstTransfer = firstTransfer == null ? ts : firstTransfer;
        ndr |= Arrays.equals(ts, NDR) && version == 2;
      }
      boolean ourInterface =
          Arrays.equals(abstractUuid, iface.uuid()) && abstractMajor == iface.majorVersion();
      if (firstTransfer != null
          && Arrays.equals(Arrays.copyOf(firstTransfer, 8), BIND_TIME_PREFIX)) {
        results.u16(3).u16(0).bytes(new byte[20]); // negotiate_ack, no features
      } else if (ourInterface && ndr) {
        if (contexts.size() >= MAX_CONTEXTS && !contexts.contains(contextId)) {
          throw new WireException("too many DCE/RPC presentation contexts");
        }
        contexts.add(contextId);
        results.u16(0).u16(0).bytes(NDR).i32(2); // acceptance
      } else {
        // provider_rejection: abstract_syntax_not_supported (1) or
        // proposed_transfer_syntaxes_not_supported (2)
        results.u16(2).u16(ourInterface ? 2 : 1).bytes(new byte[20]);
      }
    }
    maxXmit = Math.max(RpcPdu.HEADER_SIZE + 8 + 64, Math.min(maxRecvFrag, RpcPdu.MAX_FRAG));
    ByteWriter w = new ByteWriter(128);
    RpcPdu.encode(
        w,
        isBind ? RpcPdu.BIND_ACK : RpcPdu.ALTER_CONTEXT_RESP,
        RpcPdu.PFC_FIRST_FRAG | RpcPdu.PFC_LAST_FRAG,
        h.callId());
    w.u16(maxXmit).u16(Math.min(maxXmitFrag, RpcPdu.MAX_FRAG));
    w.i32(assocGroup != 0 ? assocGroup : 0x0000_53F0);
    if (isBind) {
      byte[] port = ("\\PIPE\\" + iface.pipeName() + "\0").getBytes(StandardCharsets.US_ASCII);
      w.u16(port.length).bytes(port);
    } else {
      w.u16(0);
    }
    w.align(4);
    w.bytes(results.toByteArray());
    reply(RpcPdu.finish(w));
  }

  /** [C706] 12.6.4.9 request, answered by response fragments or a fault. */
  private void request(RpcPdu h, ByteReader r) throws WireException {
    r.u32(); // alloc_hint
    int contextId = r.u16();
    int opnum = r.u16();
    if ((h.flags() & RpcPdu.PFC_OBJECT_UUID) != 0) {
      r.skip(16);
    }
    int authBytes = h.authLength() == 0 ? 0 : h.authLength() + 8;
    int stubLength = h.fragLength() - r.position() - authBytes;
    if (stubLength < 0) {
      throw new WireException("DCE/RPC request shorter than its header");
    }
    byte[] part = r.bytes(stubLength);
    if ((h.flags() & RpcPdu.PFC_FIRST_FRAG) != 0) {
      stub = new ByteArrayOutputStream();
      stubOpnum = opnum;
      stubContext = contextId;
    } else if (stub == null) {
      throw new WireException("DCE/RPC request fragment without a first fragment");
    }
    if (stub.size() + (long) part.length > MAX_STUB) {
      throw new WireException("DCE/RPC request stub beyond " + MAX_STUB + " bytes");
    }
    stub.write(part, 0, part.length);
    if ((h.flags() & RpcPdu.PFC_LAST_FRAG) == 0) {
      return;
    }
    byte[] in = stub.toByteArray();
    stub = null;
    byte[] out;
    try {
      if (!contexts.contains(stubContext)) {
        throw new RpcFault(RpcFault.UNK_IF, "context " + stubContext + " is not bound");
      }
      try {
        out = iface.invoke(stubOpnum, in);
      } catch (WireException e) {
        throw new RpcFault(RpcFault.FAULT_NDR, e.getMessage());
      }
    } catch (RpcFault f) {
      ByteWriter w = new ByteWriter(32);
      RpcPdu.encode(w, RpcPdu.FAULT, RpcPdu.PFC_FIRST_FRAG | RpcPdu.PFC_LAST_FRAG, h.callId());
      w.i32(0).u16(stubContext).u8(0).u8(0).i32(f.status()).i32(0);
      reply(RpcPdu.finish(w));
      return;
    }
    int perFrag = (maxXmit - RpcPdu.HEADER_SIZE - 8) & ~7;
    int at = 0;
    do {
      int n = Math.min(perFrag, out.length - at);
      int flags =
          (at == 0 ? RpcPdu.PFC_FIRST_FRAG : 0) | (at + n == out.length ? RpcPdu.PFC_LAST_FRAG : 0);
      ByteWriter w = new ByteWriter(RpcPdu.HEADER_SIZE + 8 + n);
      RpcPdu.encode(w, RpcPdu.RESPONSE, flags, h.callId());
      w.i32(out.length - at).u16(stubContext).u8(0).u8(0).bytes(out, at, n);
      reply(RpcPdu.finish(w));
      at += n;
    } while (at < out.length);
  }
}
