package org.ferryfs.smb.server;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.ferryfs.backend.BackendException;
import org.ferryfs.frontend.ReadResult;
import org.ferryfs.frontend.WriteStability;
import org.ferryfs.smb.wire.AccessMask;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2IoctlRequest;
import org.ferryfs.smb.wire.Smb2IoctlResponse;
import org.ferryfs.smb.wire.SrvCopyChunkCopy;
import org.ferryfs.smb.wire.WireException;

/**
 * Server-side copy: [MS-SMB2] 3.3.5.15.5 FSCTL_SRV_REQUEST_RESUME_KEY and 3.3.5.15.6
 * FSCTL_SRV_COPYCHUNK / FSCTL_SRV_COPYCHUNK_WRITE. The data is read from the source open and
 * written to the target open through the core, chunk by chunk, so it never crosses the network to
 * the client; source and target may be in different trees of the connection.
 */
final class SrvCopyChunk {
  static final int FSCTL_SRV_REQUEST_RESUME_KEY = 0x00140078;
  static final int FSCTL_SRV_COPYCHUNK = 0x001440F2;
  static final int FSCTL_SRV_COPYCHUNK_WRITE = 0x001480F2;

  /** [MS-SMB2] 3.3.3 ServerSideCopyMaxNumberofChunks, MaxChunkSize, MaxDataSize (Windows'). */
  static final int MAX_CHUNKS = 256;

  static final int MAX_CHUNK_SIZE = 1024 * 1024;
  static final int MAX_DATA_SIZE = 16 * 1024 * 1024;

  private static final SecureRandom RANDOM = new SecureRandom();

  private SrvCopyChunk() {}

  /**
   * [MS-SMB2] 2.2.32.3 SRV_REQUEST_RESUME_KEY Response: ResumeKey (24), ContextLength (4) 0, and
   * the 4 zero bytes of Context that Windows sends. The key is the open's FileId and 8 random
   * bytes, the same for every request on one open.
   */
  static Smb2Reply resumeKey(Smb2Request r, Smb2IoctlRequest req) throws SmbException {
    Open o = r.open(req.fileId());
    if (req.maxOutputResponse() < 32) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "MaxOutputResponse < 32");
    }
    if (o.resumeKey == null) {
      byte[] salt = new byte[8];
      RANDOM.nextBytes(salt);
      o.resumeKey =
          new ByteWriter(24)
              .i64(o.fileId.persistent())
              .i64(o.fileId.volatileId())
              .bytes(salt)
              .toByteArray();
    }
    byte[] out = new ByteWriter(32).bytes(o.resumeKey).i32(0).i32(0).toByteArray();
    ByteWriter w = new ByteWriter(96);
    Smb2IoctlResponse.encode(w, req.ctlCode(), o.fileId, out);
    return Smb2Reply.ok(w);
  }

  /** [MS-SMB2] 3.3.5.15.6 Handling a Server-Side Data Copy Request. */
  static Smb2Reply copy(Smb2Request r, Smb2IoctlRequest req) throws SmbException, BackendException {
    Open target = r.open(req.fileId());
    requireFile(target);
    if (req.input().length < SrvCopyChunkCopy.HEADER) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "SRV_COPYCHUNK_COPY too short");
    }
    if (req.maxOutputResponse() < 12) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "MaxOutputResponse < 12");
    }
    int needed = AccessMask.FILE_WRITE_DATA;
    if (req.ctlCode() == FSCTL_SRV_COPYCHUNK) {
      needed |= AccessMask.FILE_READ_DATA; // only COPYCHUNK_WRITE may target a write-only open
    }
    if ((target.access & needed) != needed) {
      throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "copy-chunk target access");
    }
    SrvCopyChunkCopy in;
    try {
      in = SrvCopyChunkCopy.decode(req.input());
    } catch (WireException e) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, e.getMessage());
    }
    long total = 0;
    boolean overLimit = in.chunks().size() > MAX_CHUNKS;
    for (SrvCopyChunkCopy.Chunk c : in.chunks()) {
      total += c.length();
      overLimit |= c.length() == 0 || c.length() > MAX_CHUNK_SIZE;
    }
    if (overLimit || total > MAX_DATA_SIZE) {
      // the response tells the client the server's limits
      return reply(
          NtStatus.STATUS_INVALID_PARAMETER,
          req,
          target,
          MAX_CHUNKS,
          MAX_CHUNK_SIZE,
          MAX_DATA_SIZE);
    }
    Open source = null;
    for (Open o : r.connection.opens.values()) {
      if (o.resumeKey != null && java.util.Arrays.equals(o.resumeKey, in.sourceKey())) {
        source = o;
      }
    }
    if (source == null) {
      throw new SmbException(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "no open has that resume key");
    }
    requireFile(source);
    if (!AccessMask.anyOf(source.access, AccessMask.FILE_READ_DATA | AccessMask.FILE_EXECUTE)) {
      throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "copy-chunk source access");
    }
    var files = r.connection.server.files;
    long size = files.getattr(r.caller(), source.ref).size();
    long written = 0;
    int chunks = 0;
    for (SrvCopyChunkCopy.Chunk c : in.chunks()) {
      if (c.sourceOffset() < 0 || c.targetOffset() < 0 || c.sourceOffset() > size - c.length()) {
        // [MS-SMB2] 3.3.5.15.6: a chunk beyond the source's end stops the copy there
        return reply(NtStatus.STATUS_INVALID_VIEW_SIZE, req, target, chunks, 0, written);
      }
      byte[] data = new byte[(int) c.length()];
      int got = 0;
      while (got < data.length) {
        ReadResult rr =
            files.read(
                r.caller(),
                source.ref,
                c.sourceOffset() + got,
                ByteBuffer.wrap(data, got, data.length - got));
        if (rr.count() <= 0) {
          return reply(NtStatus.STATUS_INVALID_VIEW_SIZE, req, target, chunks, 0, written);
        }
        got += rr.count();
      }
      files.write(
          r.caller(), target.ref, c.targetOffset(), ByteBuffer.wrap(data), WriteStability.UNSTABLE);
      chunks++;
      written += data.length;
    }
    return reply(NtStatus.STATUS_SUCCESS, req, target, chunks, 0, written);
  }

  /** Copy-chunk copies between files; pipes and directories have no data to copy. */
  private static void requireFile(Open o) throws SmbException {
    if (o.pipe != null || o.directory || o.ref == null) {
      throw new SmbException(NtStatus.STATUS_INVALID_DEVICE_REQUEST, "copy-chunk of a non-file");
    }
  }

  private static Smb2Reply reply(
      int status, Smb2IoctlRequest req, Open target, long chunks, long chunkBytes, long total) {
    ByteWriter w = new ByteWriter(80);
    Smb2IoctlResponse.encode(
        w, req.ctlCode(), target.fileId, SrvCopyChunkCopy.response(chunks, chunkBytes, total));
    return Smb2Reply.of(status, w);
  }
}
