package org.ferryfs.smb.server;

import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2FileId;

/**
 * What a handler answers: a status and the response body after the header.
 *
 * @param status the NTSTATUS
 * @param body the body (for an error status: empty, the dispatcher writes the ERROR body)
 * @param sessionId the SessionId to put in the header, or 0 to echo the request's
 * @param treeId the TreeId to put in the header, or 0 to echo the request's
 * @param fileId a FileId a CREATE opened, for related compound requests that follow
 */
record Smb2Reply(int status, byte[] body, long sessionId, int treeId, Smb2FileId fileId) {
  static Smb2Reply ok(ByteWriter w) {
    return new Smb2Reply(NtStatus.STATUS_SUCCESS, w.toByteArray(), 0, 0, null);
  }

  static Smb2Reply of(int status, ByteWriter w) {
    return new Smb2Reply(status, w.toByteArray(), 0, 0, null);
  }

  static Smb2Reply error(int status) {
    return new Smb2Reply(status, new byte[0], 0, 0, null);
  }

  Smb2Reply withSession(long id) {
    return new Smb2Reply(status, body, id, treeId, fileId);
  }

  Smb2Reply withTree(int id) {
    return new Smb2Reply(status, body, sessionId, id, fileId);
  }

  Smb2Reply withFileId(Smb2FileId id) {
    return new Smb2Reply(status, body, sessionId, treeId, id);
  }
}
