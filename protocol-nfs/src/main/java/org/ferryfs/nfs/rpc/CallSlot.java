package org.ferryfs.nfs.rpc;

/** A call's slot on its connection ({@link ConnectionState}), as the call releases it. */
interface CallSlot {

  /** The reply has been written or lost, or the call ended without one: the slot is free. */
  void done();
}
