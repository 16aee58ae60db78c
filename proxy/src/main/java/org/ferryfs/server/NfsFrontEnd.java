package org.ferryfs.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import org.ferryfs.config.FerryConfig;
import org.ferryfs.frontend.FileService;
import org.ferryfs.nfs.NfsServer;
import org.ferryfs.nfs.NfsServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The NFSv3 + MOUNT v3 front end (and the optional embedded portmapper) as a {@link FrontEnd}. */
final class NfsFrontEnd implements FrontEnd {
  private static final Logger LOG = LoggerFactory.getLogger(NfsFrontEnd.class);

  private final NfsServer server;
  private final String listen;

  private NfsFrontEnd(NfsServer server, String listen) {
    this.server = server;
    this.listen = listen;
  }

  static FrontEnd start(FileService files, FerryConfig config) throws IOException {
    NfsServerConfig c =
        NfsServerConfig.of(InetAddress.getByName(config.listen()), config.nfs().port());
    if (config.nfs().portmapperPort() != null) {
      c = c.withPortmap(config.nfs().portmapperPort());
    }
    NfsServer server = new NfsServer(files, c);
    try {
      server.start();
    } catch (IOException e) {
      server.close();
      String where = "NFS on " + config.listen() + ":" + config.nfs().port() + ": ";
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        BindException b = new BindException(where + e.getMessage());
        b.initCause(e);
        throw b;
      }
      throw new IOException(where + e.getMessage(), e);
    }
    if (config.nfs().portmapperPort() != null) {
      LOG.info("portmapper listening on {}:{}", config.listen(), server.portmapPort());
    }
    return new NfsFrontEnd(server, config.listen());
  }

  @Override
  public String protocol() {
    return "NFSv3";
  }

  @Override
  public String listen() {
    return listen;
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("stopping NFS failed: {}", e.toString());
    }
  }
}
