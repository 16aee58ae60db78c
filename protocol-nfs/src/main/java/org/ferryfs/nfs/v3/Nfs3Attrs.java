package org.ferryfs.nfs.v3;

import java.time.Instant;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.backend.TimeChange;
import org.ferryfs.frontend.CreateMode;
import org.ferryfs.frontend.WriteStability;
import org.ferryfs.nfs.v3.xdr.Createhow3;
import org.ferryfs.nfs.v3.xdr.Fattr3;
import org.ferryfs.nfs.v3.xdr.Ftype3;
import org.ferryfs.nfs.v3.xdr.Nfstime3;
import org.ferryfs.nfs.v3.xdr.PreOpAttr;
import org.ferryfs.nfs.v3.xdr.Sattr3;
import org.ferryfs.nfs.v3.xdr.SetTime3;
import org.ferryfs.nfs.v3.xdr.Specdata3;
import org.ferryfs.nfs.v3.xdr.StableHow;
import org.ferryfs.nfs.v3.xdr.WccAttr;

/** Conversions between the facade's neutral types and NFSv3's. */
public final class Nfs3Attrs {

  private Nfs3Attrs() {}

  /**
   * RFC 1813 §2.6 fattr3 of {@code a}: {@code fsid} is the export index, {@code fileid} the
   * facade's file id (Ferry's object id).
   */
  public static Fattr3 fattr3(FileAttributes a, int exportIndex) {
    return new Fattr3(
        ftype3(a.type()),
        a.mode(),
        a.nlink(),
        a.uid(),
        a.gid(),
        a.size(),
        a.spaceUsed(),
        new Specdata3(a.rdevMajor(), a.rdevMinor()),
        Integer.toUnsignedLong(exportIndex),
        a.fileId(),
        Nfstime3.of(a.atime()),
        Nfstime3.of(a.mtime()),
        Nfstime3.of(a.ctime()));
  }

  /** Pre-operation attributes, or ABSENT for {@code null}. */
  public static PreOpAttr preOp(FileAttributes a) {
    return a == null
        ? PreOpAttr.ABSENT
        : new PreOpAttr(new WccAttr(a.size(), Nfstime3.of(a.mtime()), Nfstime3.of(a.ctime())));
  }

  public static Ftype3 ftype3(FileType type) {
    return switch (type) {
      case REGULAR -> Ftype3.NF3REG;
      case DIRECTORY -> Ftype3.NF3DIR;
      case SYMLINK -> Ftype3.NF3LNK;
      case BLOCK_DEVICE -> Ftype3.NF3BLK;
      case CHAR_DEVICE -> Ftype3.NF3CHR;
      case SOCKET -> Ftype3.NF3SOCK;
      case FIFO -> Ftype3.NF3FIFO;
    };
  }

  /**
   * The change {@code s} asks for. Mode bits beyond 07777 are ignored (RFC 1813 §2.6 mode3 holds
   * permission bits; some clients send type bits along).
   *
   * @throws BackendException INVALID_ARGUMENT for a client time with 10^9 or more nanoseconds,
   *     FILE_TOO_LARGE for a size of 2^63 or more
   */
  public static SetAttributes setAttributes(Sattr3 s) throws BackendException {
    Long size = s.size();
    if (size != null && size < 0) {
      throw new BackendException(
          BackendStatus.FILE_TOO_LARGE,
          "size " + Long.toUnsignedString(size) + " exceeds 2^63 - 1");
    }
    return new SetAttributes(
        s.mode() == null ? null : s.mode() & 07777,
        s.uid(),
        s.gid(),
        size,
        timeChange(s.atime()),
        timeChange(s.mtime()));
  }

  private static TimeChange timeChange(SetTime3 t) throws BackendException {
    return switch (t.how()) {
      case DONT_CHANGE -> null;
      case SET_TO_SERVER_TIME -> TimeChange.SERVER_NOW;
      case SET_TO_CLIENT_TIME -> TimeChange.to(instant(t.time()));
    };
  }

  /**
   * The instant {@code t} stands for.
   *
   * @throws BackendException INVALID_ARGUMENT if it has 10^9 or more nanoseconds
   */
  public static Instant instant(Nfstime3 t) throws BackendException {
    if (!t.isValid()) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, "nfstime3 nseconds " + t.nseconds() + " >= 10^9");
    }
    return t.toInstant();
  }

  public static CreateMode createMode(Createhow3.Createmode3 mode) {
    return switch (mode) {
      case UNCHECKED -> CreateMode.UNCHECKED;
      case GUARDED -> CreateMode.GUARDED;
      case EXCLUSIVE -> CreateMode.EXCLUSIVE;
    };
  }

  public static WriteStability stability(StableHow how) {
    return switch (how) {
      case UNSTABLE -> WriteStability.UNSTABLE;
      case DATA_SYNC -> WriteStability.DATA_SYNC;
      case FILE_SYNC -> WriteStability.FILE_SYNC;
    };
  }

  public static StableHow stableHow(WriteStability stability) {
    return switch (stability) {
      case UNSTABLE -> StableHow.UNSTABLE;
      case DATA_SYNC -> StableHow.DATA_SYNC;
      case FILE_SYNC -> StableHow.FILE_SYNC;
    };
  }

  /** The byte offset {@code offset3}, refusing values of 2^63 and beyond. */
  public static long offset(long raw, BackendStatus tooLarge) throws BackendException {
    if (raw < 0) {
      throw new BackendException(
          tooLarge, "offset " + Long.toUnsignedString(raw) + " exceeds 2^63 - 1");
    }
    return raw;
  }
}
