package org.ferryfs.nfs.rpc;

import java.nio.ByteBuffer;
import java.util.List;

/** Where the replies of one connection go. */
public interface ReplyChannel {

  /**
   * Writes one reply record, its segments in order (the record marker included), and runs {@code
   * done} once it has been written or could not be (connection closed, write failed). {@code done}
   * may run before this returns, on this thread, or later on another; it runs at most once per
   * call, and the segments must stay untouched until it has.
   */
  void send(List<ByteBuffer> record, Runnable done);
}
