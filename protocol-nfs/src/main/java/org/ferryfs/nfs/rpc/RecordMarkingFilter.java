package org.ferryfs.nfs.rpc;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 5531 §11 record marking on a byte stream: splits the stream into records and passes each
 * complete record on as one contiguous {@link Buffer}.
 *
 * <p>Design note. Each fragment starts with a 4-byte marker: the high bit says "last fragment", the
 * other 31 bits the fragment's length. A peer may claim up to 2 GiB per fragment and send endless
 * fragments, so before waiting for any bytes this filter checks the claim: the record's fragments
 * together may hold at most {@code maxRecordSize} bytes and there may be at most {@code
 * maxFragments} of them; a violation closes the connection at once. Bytes are only ever buffered as
 * they arrive (Grizzly keeps the unconsumed remainder), never allocated up front from a length
 * field, so a connection holds at most one record's worth of input.
 *
 * <p>Replies are not touched on the way out: oncrpc4j's transport writes their marker itself.
 */
public final class RecordMarkingFilter extends BaseFilter {

  private static final Logger LOG = LoggerFactory.getLogger(RecordMarkingFilter.class);

  /** RFC 5531 §11: the marker bit of the last fragment of a record. */
  static final int LAST_FRAGMENT = 0x8000_0000;

  private final int maxRecordSize;
  private final int maxFragments;

  /**
   * @param maxRecordSize most bytes a record may hold, all fragments together
   * @param maxFragments most fragments a record may have
   */
  public RecordMarkingFilter(int maxRecordSize, int maxFragments) {
    if (maxRecordSize < 64 || maxFragments < 1) {
      throw new IllegalArgumentException(
          "need maxRecordSize >= 64 and maxFragments >= 1, got "
              + maxRecordSize
              + " / "
              + maxFragments);
    }
    this.maxRecordSize = maxRecordSize;
    this.maxFragments = maxFragments;
  }

  /** What {@link #scan} found at the head of the input. */
  sealed interface Scan {}

  /** More bytes are needed. */
  record NeedMore() implements Scan {}

  /** A complete record ends at {@code end} (exclusive) and has {@code fragments} fragments. */
  record Complete(int end, int fragments, int size) implements Scan {}

  /** The peer broke a limit; close the connection. */
  record Violation(String why) implements Scan {}

  private static final NeedMore NEED_MORE = new NeedMore();

  /** Looks at the fragments from {@code in}'s position without consuming anything. */
  Scan scan(Buffer in) {
    int p = in.position();
    int limit = in.limit();
    long total = 0;
    int fragments = 0;
    while (true) {
      if (limit - p < 4) {
        return NEED_MORE;
      }
      int marker = in.getInt(p);
      int size = marker & ~LAST_FRAGMENT;
      fragments++;
      total += size;
      if (total > maxRecordSize) {
        return new Violation(
            "record of at least "
                + total
                + " bytes exceeds the limit of "
                + maxRecordSize
                + " (RFC 5531 §11 fragment length "
                + size
                + ")");
      }
      if (fragments > maxFragments) {
        return new Violation("record has more than " + maxFragments + " fragments");
      }
      if (limit - p - 4 < size) {
        return NEED_MORE;
      }
      p += 4 + size;
      if ((marker & LAST_FRAGMENT) != 0) {
        return new Complete(p, fragments, (int) total);
      }
    }
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    Buffer in = ctx.getMessage();
    Scan scan = scan(in);
    if (scan instanceof NeedMore) {
      return ctx.getStopAction(in);
    }
    if (scan instanceof Violation v) {
      LOG.warn("closing connection from {}: {}", ctx.getConnection().getPeerAddress(), v.why());
      ctx.getConnection().closeSilently();
      return ctx.getStopAction();
    }
    Complete c = (Complete) scan;
    Buffer remainder = c.end() < in.limit() ? in.split(c.end()) : null;
    ctx.setMessage(assemble(ctx.getMemoryManager(), in, c));
    return ctx.getInvokeAction(remainder);
  }

  /**
   * The record's payload as one contiguous buffer: a view when it is a single fragment inside one
   * buffer, else a copy (so that decoders can hand out plain {@link java.nio.ByteBuffer} views).
   */
  static Buffer assemble(MemoryManager<?> memoryManager, Buffer in, Complete c) {
    int start = in.position();
    if (c.fragments() == 1 && !in.isComposite()) {
      return in.slice(start + 4, c.end());
    }
    Buffer out = Buffers.wrap(memoryManager, new byte[c.size()]);
    int p = start;
    while (p < c.end()) {
      int marker = in.getInt(p);
      int size = marker & ~LAST_FRAGMENT;
      Buffer fragment = in.slice(p + 4, p + 4 + size);
      out.put(fragment);
      p += 4 + size;
    }
    out.flip();
    return out;
  }
}
