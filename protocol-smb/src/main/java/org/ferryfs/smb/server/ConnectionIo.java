package org.ferryfs.smb.server;

import java.net.InetSocketAddress;

/** The transport under one {@link SmbConnection}: Grizzly in the server, a fake in tests. */
public interface ConnectionIo {
  /** Sends one Direct TCP message (the 4-byte length is added here); blocks while the peer lags. */
  void send(byte[] message);

  void close();

  InetSocketAddress remote();
}
