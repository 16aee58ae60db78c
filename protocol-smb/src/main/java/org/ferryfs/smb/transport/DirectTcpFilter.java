package org.ferryfs.smb.transport;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * [MS-SMB2] 2.1 Direct TCP transport: each message is preceded by a zero byte and a 3-byte
 * big-endian length. A length above the bound, or a non-zero first byte, closes the connection
 * before anything is allocated for the message; what is buffered for a message never exceeds the
 * bound plus one read.
 */
public final class DirectTcpFilter extends BaseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(DirectTcpFilter.class);

  private final int maxMessage;

  public DirectTcpFilter(int maxMessage) {
    if (maxMessage < 64 || maxMessage > 0xFFFFFF) {
      throw new IllegalArgumentException("maxMessage must be 64..16 MiB-1, got " + maxMessage);
    }
    this.maxMessage = maxMessage;
  }

  /** Outcome of looking at buffered bytes. */
  sealed interface Frame {}

  /** Not enough bytes yet. */
  record Incomplete() implements Frame {}

  /** A message of {@code length} bytes follows the 4-byte header. */
  record Complete(int length) implements Frame {}

  /** The stream breaks the framing rules. */
  record Violation(String why) implements Frame {}

  /** Looks at the first bytes of {@code available} buffered bytes. */
  static Frame frame(int b0, int b1, int b2, int b3, int available, int maxMessage) {
    if (b0 != 0) {
      return new Violation("Direct TCP header byte 0x" + Integer.toHexString(b0) + ", must be 0");
    }
    int len = b1 << 16 | b2 << 8 | b3;
    if (len > maxMessage) {
      return new Violation("message of " + len + " bytes exceeds " + maxMessage);
    }
    if (len < 4) {
      return new Violation("message of " + len + " bytes");
    }
    return available - 4 >= len ? new Complete(len) : new Incomplete();
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    Buffer in = ctx.getMessage();
    if (in.remaining() < 4) {
      return ctx.getStopAction(in);
    }
    int p = in.position();
    Frame f =
        frame(
            in.get(p) & 0xff,
            in.get(p + 1) & 0xff,
            in.get(p + 2) & 0xff,
            in.get(p + 3) & 0xff,
            in.remaining(),
            maxMessage);
    if (f instanceof Violation v) {
      LOG.warn("closing connection from {}: {}", ctx.getConnection().getPeerAddress(), v.why());
      in.tryDispose();
      ctx.getConnection().closeSilently();
      return ctx.getStopAction();
    }
    if (f instanceof Incomplete) {
      return ctx.getStopAction(in);
    }
    int len = ((Complete) f).length();
    byte[] msg = new byte[len];
    in.position(p + 4);
    in.get(msg);
    Buffer rest = in.hasRemaining() ? in.split(in.position()) : null;
    in.tryDispose();
    ctx.setMessage(msg);
    return ctx.getInvokeAction(rest);
  }

  @Override
  public NextAction handleWrite(FilterChainContext ctx) throws IOException {
    byte[] msg = ctx.getMessage();
    Buffer out = ctx.getMemoryManager().allocate(4 + msg.length);
    out.put((byte) 0).put((byte) (msg.length >>> 16)).put((byte) (msg.length >>> 8));
    out.put((byte) msg.length).put(msg);
    out.flip();
    out.allowBufferDispose(true);
    ctx.setMessage(out);
    return ctx.getInvokeAction();
  }
}
