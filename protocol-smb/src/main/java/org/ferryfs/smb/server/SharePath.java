package org.ferryfs.smb.server;

import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.frontend.FileService;
import org.ferryfs.frontend.Lookup;
import org.ferryfs.smb.wire.FileInfo;
import org.ferryfs.smb.wire.NtStatus;

/**
 * A path inside a share resolved through the facade, component by component: its parent directory
 * and, if it exists, the object ([MS-SMB2] 3.3.5.9 name rules; [MS-FSCC] 2.1.5 path names).
 *
 * @param parent the directory holding the last component ({@code null} for the share root)
 * @param name the last component ({@code ""} for the share root)
 * @param found the object, or {@code null} if the last component does not exist
 * @param path the normalised share-relative path
 */
record SharePath(FileRef parent, String name, Lookup found, String path) {

  /** Resolves {@code path} (backslash-separated, relative to {@code root}). */
  static SharePath resolve(FileService files, Caller caller, FileRef root, String path)
      throws SmbException, BackendException {
    List<String> parts = split(path);
    if (parts.isEmpty()) {
      return new SharePath(null, "", new Lookup(root, files.getattr(caller, root)), "");
    }
    FileRef dir = root;
    for (int i = 0; i < parts.size() - 1; i++) {
      Lookup l;
      try {
        l = files.lookup(caller, dir, parts.get(i));
      } catch (BackendException e) {
        if (e.status() == BackendStatus.NOT_FOUND) {
          throw new SmbException(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND, "no directory " + path);
        }
        throw e;
      }
      if (!l.attributes().isDirectory()) {
        throw new SmbException(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND, "not a directory in " + path);
      }
      dir = l.ref();
    }
    String last = parts.get(parts.size() - 1);
    Lookup found;
    try {
      found = files.lookup(caller, dir, last);
    } catch (BackendException e) {
      if (e.status() != BackendStatus.NOT_FOUND) {
        throw e;
      }
      found = null;
    }
    return new SharePath(dir, last, found, String.join("\\", parts));
  }

  /** The components of a share path; rejects names no SMB server accepts. */
  static List<String> split(String path) throws SmbException {
    List<String> parts = new ArrayList<>();
    String p = path.startsWith("\\") ? path.substring(1) : path;
    if (p.isEmpty()) {
      return parts;
    }
    for (String c : p.split("\\\\", -1)) {
      if (c.isEmpty() || c.equals(".") || c.equals("..")) {
        throw new SmbException(NtStatus.STATUS_OBJECT_NAME_INVALID, "bad path " + path);
      }
      for (int i = 0; i < c.length(); i++) {
        char ch = c.charAt(i);
        if (ch < 0x20 || "/:*?\"<>|".indexOf(ch) >= 0) {
          // ':' would name a stream; streams are not served yet
          throw new SmbException(
              ch == ':'
                  ? NtStatus.STATUS_OBJECT_NAME_NOT_FOUND
                  : NtStatus.STATUS_OBJECT_NAME_INVALID,
              "bad name " + c);
        }
      }
      parts.add(c);
    }
    return parts;
  }

  /** The SMB view of a file's attributes. */
  static FileInfo info(FileAttributes a, boolean readOnlyShare) {
    boolean dir = a.isDirectory();
    int attrs = dir ? FileInfo.FILE_ATTRIBUTE_DIRECTORY : FileInfo.FILE_ATTRIBUTE_ARCHIVE;
    if (readOnlyShare && !dir) {
      attrs |= FileInfo.FILE_ATTRIBUTE_READONLY;
    }
    long alloc = dir ? 0 : Math.max(a.spaceUsed(), (a.size() + 4095) & ~4095L);
    long created = FileInfo.filetime(a.birthTime() != null ? a.birthTime() : a.ctime());
    return new FileInfo(
        created,
        FileInfo.filetime(a.atime()),
        FileInfo.filetime(a.mtime()),
        FileInfo.filetime(a.ctime()),
        alloc,
        dir ? 0 : a.size(),
        attrs,
        a.fileId(),
        a.nlink(),
        dir);
  }
}
