package org.ferryfs.backend.smb;

import static com.hierynomus.msdtyp.AccessMask.FILE_LIST_DIRECTORY;
import static com.hierynomus.msdtyp.AccessMask.FILE_READ_ATTRIBUTES;

import com.hierynomus.msfscc.fileinformation.FileStandardInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2CreateOptions;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.share.DiskEntry;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ferryfs.backend.Backend;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMB share (or a directory inside it) used as a backend; its exports are directories below.
 * Holds the backend's single session ({@link SmbConnector}); every export and handle calls through
 * {@link #call}, which maps failures once and notes a lost connection so the next call reconnects.
 */
public final class SmbBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(SmbBackend.class);

  private final String name;
  private final URI url;
  private final SmbLocation location;
  private final SmbConnector connector;
  private final Clock clock;
  private final Set<SmbBackendExport> exports = ConcurrentHashMap.newKeySet();

  SmbBackend(String name, URI url, SmbLocation location, SmbConnector connector, Clock clock) {
    this.name = name;
    this.url = url;
    this.location = location;
    this.connector = connector;
    this.clock = clock;
  }

  /** Work done on a live connection. */
  @FunctionalInterface
  interface LiveCall<T> {
    T run(SmbConnector.Live live) throws BackendException;
  }

  /**
   * Runs {@code work} on the live connection (connecting if needed); every smbj failure leaves here
   * as a {@link BackendException}, and one that lost the connection makes the next call reconnect.
   */
  <T> T call(String context, LiveCall<T> work) throws BackendException {
    SmbConnector.Live live = connector.live();
    try {
      return work.run(live);
    } catch (RuntimeException e) {
      if (SmbErrors.losesConnection(e)) {
        connector.lost(live);
      }
      throw SmbErrors.map(e, context);
    }
  }

  /** The backend's session holder (for tests). */
  SmbConnector connector() {
    return connector;
  }

  void lost(SmbConnector.Live live) {
    connector.lost(live);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public BackendExport export(String path, boolean createIfMissing) throws BackendException {
    List<String> components = exportComponents(path);
    List<String> dir = new ArrayList<>(location.subpath());
    for (int i = 0; i <= components.size(); i++) {
      if (i > 0) {
        dir.add(components.get(i - 1));
      }
      String smbPath = String.join("\\", dir);
      String shown = "/" + String.join("/", components.subList(0, i));
      checkDirectory(smbPath, shown, path, createIfMissing && i > 0);
    }
    String description = location.display() + (components.isEmpty() ? "" : path);
    SmbBackendExport[] holder = new SmbBackendExport[1];
    SmbBackendExport export =
        new SmbBackendExport(this, dir, description, clock, () -> exports.remove(holder[0]));
    holder[0] = export;
    exports.add(export);
    return export;
  }

  /** Fails unless {@code smbPath} is a directory; creates it if allowed and missing. */
  private void checkDirectory(String smbPath, String shown, String exportPath, boolean create)
      throws BackendException {
    String where = "backend '" + name + "': export " + exportPath + ": " + shown;
    call(
        where,
        live -> {
          try (DiskEntry e =
              live.share()
                  .open(
                      smbPath,
                      EnumSet.of(FILE_READ_ATTRIBUTES, FILE_LIST_DIRECTORY),
                      null,
                      SMB2ShareAccess.ALL,
                      create ? SMB2CreateDisposition.FILE_OPEN_IF : SMB2CreateDisposition.FILE_OPEN,
                      create ? EnumSet.of(SMB2CreateOptions.FILE_DIRECTORY_FILE) : null)) {
            if (!e.getFileInformation(FileStandardInformation.class).isDirectory()) {
              throw new BackendException(
                  BackendStatus.NOT_DIRECTORY, where + " is not a directory");
            }
          } catch (RuntimeException ex) {
            BackendStatus s = SmbErrors.statusOf(ex);
            if (s == BackendStatus.NOT_FOUND) {
              throw new BackendException(BackendStatus.NOT_FOUND, where + " does not exist", ex);
            }
            if (s == BackendStatus.NOT_DIRECTORY) {
              throw new BackendException(
                  BackendStatus.NOT_DIRECTORY, where + " is not a directory", ex);
            }
            throw ex;
          }
          return null;
        });
  }

  /** The root of the backend (share subpath) is a directory; used at open time. */
  void checkRoot() throws BackendException {
    checkDirectory(String.join("\\", location.subpath()), "/", "/", false);
  }

  /**
   * Checks that the backend answers: (re)connects if needed and reads the root's attributes, all
   * within the call timeout.
   */
  @Override
  public void probe() throws BackendException {
    try {
      checkRoot();
    } catch (BackendException e) {
      BackendStatus s =
          switch (e.status()) {
            case TIMED_OUT, ACCESS_DENIED -> e.status();
            default -> BackendStatus.UNAVAILABLE;
          };
      throw new BackendException(s, "backend '" + name + "': probe: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    for (SmbBackendExport e : new ArrayList<>(exports)) {
      e.close();
    }
    exports.clear();
    connector.close();
    LOG.debug("backend {}: closed", name);
  }

  @Override
  public String toString() {
    return "SmbBackend[" + name + " " + location.display() + "]";
  }

  /** {@code /} is the backend root, else {@code /a/b} with the SPI and SMB name rules. */
  static List<String> exportComponents(String path) throws BackendException {
    if (path == null || !path.startsWith("/")) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          "export path '" + path + "' must be absolute inside the backend, e.g. /alpha");
    }
    if (path.equals("/")) {
      return List.of();
    }
    return SmbNames.split(path.substring(1));
  }
}
