package org.ferryfs.nfs.rpc;

/** A call's slot on its connection ({@link ConnectionState}), as the call releases it. */
interface CallSlot {

  /**
   * The call's reply is about to be written (or the call ends without one): it no longer runs. Must
   * come before the reply can reach the client, so that the client's next call finds the connection
   * idle.
   */
  void replying();

  /** The reply has been written or lost: the slot is free. Comes after {@link #replying()}. */
  void done();
}
