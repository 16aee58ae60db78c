package org.ferryfs.frontend;

/**
 * A Ferry-owned reference to one object in one export (DESIGN.md §3.1). Front ends encode it into
 * their own handle formats (an NFS file handle, an SMB FileId table entry); it never holds backend
 * bytes, so it stays valid when the export moves to another backend.
 *
 * @param exportIndex the export's index, never reused for another export
 * @param objectId Ferry's id of the object, unique across all exports, never reused
 * @param generation the handle map's incarnation; a handle from another incarnation is stale
 */
public record FileRef(int exportIndex, long objectId, int generation) {}
