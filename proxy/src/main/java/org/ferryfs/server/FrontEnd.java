package org.ferryfs.server;

import java.io.IOException;
import org.ferryfs.config.FerryConfig;
import org.ferryfs.frontend.FileService;

/**
 * A protocol front end (NFS now, SMB later) the server runs over the core's {@link FileService}.
 */
public interface FrontEnd extends AutoCloseable {
  /** For logs and status: {@code NFSv3}. */
  String protocol();

  /** The address it listens on. */
  String listen();

  /** The TCP port it listens on. */
  int port();

  @Override
  void close();

  /** Starts a front end; returns {@code null} when the configuration does not ask for it. */
  @FunctionalInterface
  interface Starter {
    FrontEnd start(FileService files, FerryConfig config) throws IOException;
  }
}
