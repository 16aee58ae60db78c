package org.ferryfs.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferryfs.config.FerryConfig;
import org.ferryfs.frontend.FileService;
import org.ferryfs.smb.SmbServer;
import org.ferryfs.smb.SmbServerConfig;
import org.ferryfs.smb.SmbUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMB2/3 front end as a {@link FrontEnd}; runs only when the configuration has {@code smb:}.
 */
final class SmbFrontEnd implements FrontEnd {
  private static final Logger LOG = LoggerFactory.getLogger(SmbFrontEnd.class);

  private final SmbServer server;
  private final String listen;

  private SmbFrontEnd(SmbServer server, String listen) {
    this.server = server;
    this.listen = listen;
  }

  static FrontEnd start(FileService files, FerryConfig config) throws IOException {
    FerryConfig.Smb smb = config.smb();
    if (smb == null) {
      return null;
    }
    SmbServer server =
        new SmbServer(
            files,
            SmbServerConfig.of(
                InetAddress.getByName(config.listen()),
                smb.port(),
                smb.signingRequired(),
                users(config),
                SmbServerConfig.Encryption.valueOf(smb.encryption().toUpperCase(Locale.ROOT))));
    try {
      server.start();
    } catch (IOException e) {
      server.close();
      String where = "SMB on " + config.listen() + ":" + smb.port() + ": ";
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        BindException b = new BindException(where + e.getMessage());
        b.initCause(e);
        throw b;
      }
      throw new IOException(where + e.getMessage(), e);
    }
    return new SmbFrontEnd(server, config.listen());
  }

  private static List<SmbUser> users(FerryConfig config) throws IOException {
    List<SmbUser> out = new ArrayList<>();
    for (FerryConfig.User u : config.users()) {
      String password = u.password();
      if (password == null) {
        try {
          String text = Files.readString(u.passwordFile(), StandardCharsets.UTF_8);
          int nl = text.indexOf('\n');
          password = (nl >= 0 ? text.substring(0, nl) : text).stripTrailing();
        } catch (IOException e) {
          throw new IOException(
              "user '" + u.name() + "': cannot read password-file " + u.passwordFile(), e);
        }
      }
      out.add(SmbUser.withPassword(u.name(), password, u.uid(), u.gid()));
    }
    return out;
  }

  @Override
  public String protocol() {
    return "SMB";
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
      LOG.warn("stopping SMB failed: {}", e.toString());
    }
  }
}
