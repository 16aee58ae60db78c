package org.ferryfs.nfs.rpc;

import java.net.InetSocketAddress;

/** What {@link ConnectionState} may do to its connection. */
interface ConnectionControl {

  /** Switches reading from the peer on or off (back-pressure). */
  void setReading(boolean on);

  /** Closes the connection. */
  void close();

  /** The peer, for logs. */
  InetSocketAddress remote();
}
