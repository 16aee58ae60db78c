package org.ferryfs.smb.server;

import java.util.ArrayDeque;
import org.ferryfs.frontend.DirPage;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.smb.rpc.RpcPipe;
import org.ferryfs.smb.wire.Smb2FileId;

/**
 * [MS-SMB2] 3.3.1.10 Per Open: a file or directory a client opened, named by a Ferry-owned FileId
 * (DESIGN.md §3.1). It remembers its parent and name so delete-on-close and rename can act on the
 * name; the object itself is addressed by its {@link FileRef}. A named pipe on IPC$ is an open with
 * a {@link RpcPipe} and no {@code ref}.
 */
final class Open {
  final Smb2FileId fileId;
  final long sessionId;
  final int treeId;
  final FileRef ref;
  final boolean directory;
  final int access;
  FileRef parent;
  String name;

  /** The path relative to the share, as the client named it ({@code \}-separated). */
  String path;

  boolean deleteOnClose;

  /** The key FSCTL_SRV_REQUEST_RESUME_KEY handed out for this open, or {@code null}. */
  byte[] resumeKey;

  /** [MS-FSCC] 2.4.35 FilePositionInformation CurrentByteOffset, as the client last set it. */
  long position;

  /** The DCE/RPC endpoint of a named-pipe open on IPC$; {@code null} for files (ref is null). */
  RpcPipe pipe;

  // QUERY_DIRECTORY state ([MS-SMB2] 3.3.1.10 Open.EnumerationLocation / SearchPattern)
  String searchPattern;
  long cookie;

  /** The cookie of the last entry a QUERY_DIRECTORY response carried; 0 before any. */
  long returnedCookie;

  long verifier;
  boolean listingEof;
  final ArrayDeque<DirPage.Entry> pending = new ArrayDeque<>();

  Open(
      Smb2FileId fileId,
      long sessionId,
      int treeId,
      FileRef ref,
      boolean directory,
      int access,
      FileRef parent,
      String name,
      String path) {
    this.fileId = fileId;
    this.sessionId = sessionId;
    this.treeId = treeId;
    this.ref = ref;
    this.directory = directory;
    this.access = access;
    this.parent = parent;
    this.name = name;
    this.path = path;
  }

  void restartListing(String pattern) {
    searchPattern = pattern;
    cookie = 0;
    returnedCookie = 0;
    verifier = 0;
    listingEof = false;
    pending.clear();
  }
}
