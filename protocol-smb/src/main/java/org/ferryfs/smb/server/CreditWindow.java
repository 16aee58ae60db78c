package org.ferryfs.smb.server;

import java.util.BitSet;

/**
 * The message ids a connection may use ([MS-SMB2] 3.3.1.1, 3.3.5.2.3): ids below {@code low} are
 * used, ids in {@code [low, limit)} were granted and are used where the bit is set. Both the ids
 * held unused and the span {@code limit - low} are bounded by the maximum ({@link
 * SmbLimits#MAX_CREDITS}), so a client that leaves an id unused (a "skipped" MessageId) keeps the
 * rest of its credits but cannot make the window grow.
 */
final class CreditWindow {
  private long low;
  private long limit = 1; // message id 0 (the first NEGOTIATE) is granted implicitly
  private final BitSet used = new BitSet();
  private final int max;

  CreditWindow(int max) {
    this.max = max;
  }

  /** Takes ids {@code [id, id + charge)}; false if any was not granted or used already. */
  boolean consume(long id, int charge) {
    if (charge < 1 || id < low || id >= limit || charge > limit - id) {
      return false;
    }
    for (int i = 0; i < charge; i++) {
      if (used.get((int) (id - low + i))) {
        return false;
      }
    }
    used.set((int) (id - low), (int) (id - low + charge));
    int advance = used.nextClearBit(0);
    if (advance > 0) {
      BitSet rest = used.get(advance, Math.max(advance, used.length()));
      used.clear();
      used.or(rest);
      low += advance;
    }
    return true;
  }

  /**
   * [MS-SMB2] 3.3.1.2 Algorithm for the Granting of Credits: grants what was asked for (at least
   * one) up to the maximum held unused and the maximum span; at least one if the client would hold
   * none.
   */
  int grant(int requested) {
    long outstanding = limit - low - used.cardinality();
    long give = Math.min(Math.max(requested, 1), Math.min(max - outstanding, low + max - limit));
    if (give <= 0) {
      give = outstanding == 0 ? 1 : 0;
    }
    limit += give;
    return (int) give;
  }

  /** Ids granted and not used. */
  long outstanding() {
    return limit - low - used.cardinality();
  }
}
