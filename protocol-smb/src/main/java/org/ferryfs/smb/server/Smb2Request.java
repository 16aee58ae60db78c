package org.ferryfs.smb.server;

import org.ferryfs.frontend.Caller;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.Smb2Command;
import org.ferryfs.smb.wire.Smb2FileId;
import org.ferryfs.smb.wire.Smb2Header;

/**
 * One SMB2 request as a handler sees it: the header, a reader over this message alone (offsets
 * relative to its header, as MS-SMB2 defines them), the raw bytes, and what the dispatcher
 * resolved.
 */
final class Smb2Request {
  final SmbConnection connection;
  final Smb2Header header;
  final ByteReader reader;
  final byte[] raw;
  final Session session;
  final TreeConnect tree;
  private final Smb2FileId relatedFileId;
  private final int relatedError;

  Smb2Request(
      SmbConnection connection,
      Smb2Header header,
      byte[] raw,
      Session session,
      TreeConnect tree,
      Smb2FileId relatedFileId,
      int relatedError) {
    this.connection = connection;
    this.header = header;
    this.raw = raw;
    this.reader = new ByteReader(raw);
    this.session = session;
    this.tree = tree;
    this.relatedFileId = relatedFileId;
    this.relatedError = relatedError;
  }

  /** What a named-pipe open accepts; everything else answers STATUS_INVALID_DEVICE_REQUEST. */
  private static final java.util.Set<Smb2Command> PIPE_COMMANDS =
      java.util.EnumSet.of(
          Smb2Command.READ, Smb2Command.WRITE, Smb2Command.IOCTL, Smb2Command.CLOSE);

  Caller caller() {
    return session.caller;
  }

  /**
   * The open a FileId names, checked to belong to this session and tree; the all-ones id of a
   * related compound request means the file the previous request opened ([MS-SMB2] 3.3.5.2.7.2).
   * When there is none: the status of a CREATE that failed earlier in the related chain, else
   * STATUS_FILE_CLOSED (also for the all-ones id outside a related chain).
   */
  Open open(Smb2FileId id) throws SmbException {
    Smb2FileId real = id;
    if (id.isRelated() && header.isRelated()) {
      if (relatedFileId == null) {
        if (org.ferryfs.smb.wire.NtStatus.isError(relatedError)) {
          throw new SmbException(relatedError, "the CREATE this request is related to failed");
        }
        throw new SmbException(
            org.ferryfs.smb.wire.NtStatus.STATUS_FILE_CLOSED,
            "related FileId without an earlier open in the compound");
      }
      real = relatedFileId;
    }
    Open o = connection.opens.get(real.volatileId());
    if (o == null
        || o.fileId.persistent() != real.persistent()
        || o.sessionId != session.id
        || o.treeId != tree.id()) {
      throw new SmbException(org.ferryfs.smb.wire.NtStatus.STATUS_FILE_CLOSED, "no such open");
    }
    if (o.pipe != null && !PIPE_COMMANDS.contains(Smb2Command.of(header.command()))) {
      throw new SmbException(
          org.ferryfs.smb.wire.NtStatus.STATUS_INVALID_DEVICE_REQUEST,
          "command " + header.command() + " on a named pipe");
    }
    return o;
  }
}
