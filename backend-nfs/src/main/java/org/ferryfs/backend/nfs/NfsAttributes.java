package org.ferryfs.backend.nfs;

import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.nfs.v3.xdr.Fattr3;
import org.ferryfs.nfs.v3.xdr.Ftype3;

/** RFC 1813 §2.6 {@code fattr3} → {@link FileAttributes}. */
final class NfsAttributes {

  private NfsAttributes() {}

  static FileType type(Ftype3 t) {
    return switch (t) {
      case NF3REG -> FileType.REGULAR;
      case NF3DIR -> FileType.DIRECTORY;
      case NF3BLK -> FileType.BLOCK_DEVICE;
      case NF3CHR -> FileType.CHAR_DEVICE;
      case NF3LNK -> FileType.SYMLINK;
      case NF3SOCK -> FileType.SOCKET;
      case NF3FIFO -> FileType.FIFO;
    };
  }

  static FileAttributes of(Fattr3 a) {
    boolean device = a.type() == Ftype3.NF3BLK || a.type() == Ftype3.NF3CHR;
    return new FileAttributes(
        type(a.type()),
        a.mode() & 07777,
        a.nlink(),
        a.uid(),
        a.gid(),
        a.size(),
        a.used(),
        device ? a.rdev().specdata1() : 0,
        device ? a.rdev().specdata2() : 0,
        a.fileid(),
        a.atime().toInstant(),
        a.mtime().toInstant(),
        a.ctime().toInstant(),
        null); // NFSv3 has no birth time
  }
}
