package org.ferryfs.nfs.rpc;

import java.nio.ByteBuffer;

/** Buffers a procedure may fill with data for its reply. */
public interface ReplyBuffers {

  /**
   * A buffer with position 0 and limit {@code capacity}, valid until the call's reply has been
   * written (then it is reused: a procedure must not keep it). Its contents are stale: only bytes
   * the procedure writes may be sent. Direct unless the server's pool is exhausted.
   */
  ByteBuffer take(int capacity);
}
