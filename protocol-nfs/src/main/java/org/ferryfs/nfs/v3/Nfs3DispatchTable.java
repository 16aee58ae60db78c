package org.ferryfs.nfs.v3;

import java.util.List;
import org.ferryfs.nfs.v3.xdr.ACCESS3args;
import org.ferryfs.nfs.v3.xdr.COMMIT3args;
import org.ferryfs.nfs.v3.xdr.CREATE3args;
import org.ferryfs.nfs.v3.xdr.FSINFO3args;
import org.ferryfs.nfs.v3.xdr.FSSTAT3args;
import org.ferryfs.nfs.v3.xdr.GETATTR3args;
import org.ferryfs.nfs.v3.xdr.LINK3args;
import org.ferryfs.nfs.v3.xdr.LOOKUP3args;
import org.ferryfs.nfs.v3.xdr.MKDIR3args;
import org.ferryfs.nfs.v3.xdr.MKNOD3args;
import org.ferryfs.nfs.v3.xdr.NULL3args;
import org.ferryfs.nfs.v3.xdr.PATHCONF3args;
import org.ferryfs.nfs.v3.xdr.READ3args;
import org.ferryfs.nfs.v3.xdr.READDIR3args;
import org.ferryfs.nfs.v3.xdr.READDIRPLUS3args;
import org.ferryfs.nfs.v3.xdr.READLINK3args;
import org.ferryfs.nfs.v3.xdr.REMOVE3args;
import org.ferryfs.nfs.v3.xdr.RENAME3args;
import org.ferryfs.nfs.v3.xdr.RMDIR3args;
import org.ferryfs.nfs.v3.xdr.SETATTR3args;
import org.ferryfs.nfs.v3.xdr.SYMLINK3args;
import org.ferryfs.nfs.v3.xdr.WRITE3args;

/**
 * The NFSv3 dispatch table (RFC 1813 §3.3): every procedure with its number, name, argument type,
 * and the preconditions the dispatcher checks so the handlers can assume them. COMMIT only makes
 * earlier writes durable, so it is not "modifying" (RFC 1813 §3.3.21 lists no NFS3ERR_ROFS).
 *
 * <p>INLINE procedures may run on the selector thread that read the call while they are quick (see
 * {@link org.ferryfs.nfs.rpc.ServiceTime}); COMMIT waits for the disk by design, so it always runs
 * on the pool.
 */
public final class Nfs3DispatchTable {

  private static final boolean HANDLE = true;
  private static final boolean NO_HANDLE = false;
  private static final boolean MODIFIES = true;
  private static final boolean READS = false;
  private static final boolean INLINE = true;
  private static final boolean POOL = false;

  private Nfs3DispatchTable() {}

  /** The 22 procedures, indexed by number. */
  public static List<Nfs3Procedure<?>> procedures(Nfs3Context c) {
    return List.of(
        p(0, "NULL", NULL3args.class, NULL3args::decode, NO_HANDLE, READS, INLINE, new ProcNULL()),
        p(
            1,
            "GETATTR",
            GETATTR3args.class,
            GETATTR3args::decode,
            HANDLE,
            READS,
            INLINE,
            new ProcGETATTR(c)),
        p(
            2,
            "SETATTR",
            SETATTR3args.class,
            SETATTR3args::decode,
            HANDLE,
            MODIFIES,
            INLINE,
            new ProcSETATTR(c)),
        p(
            3,
            "LOOKUP",
            LOOKUP3args.class,
            LOOKUP3args::decode,
            HANDLE,
            READS,
            INLINE,
            new ProcLOOKUP(c)),
        p(
            4,
            "ACCESS",
            ACCESS3args.class,
            ACCESS3args::decode,
            HANDLE,
            READS,
            INLINE,
            new ProcACCESS(c)),
        p(
            5,
            "READLINK",
            READLINK3args.class,
            READLINK3args::decode,
            HANDLE,
            READS,
            INLINE,
            new ProcREADLINK(c)),
        p(6, "READ", READ3args.class, READ3args::decode, HANDLE, READS, INLINE, new ProcREAD(c)),
        p(
            7,
            "WRITE",
            WRITE3args.class,
            WRITE3args::decode,
            HANDLE,
            MODIFIES,
            INLINE,
            new ProcWRITE(c)),
        p(
            8,
            "CREATE",
            CREATE3args.class,
            CREATE3args::decode,
            HANDLE,
            MODIFIES,
            INLINE,
            new ProcCREATE(c)),
        p(
            9,
            "MKDIR",
            MKDIR3args.class,
            MKDIR3args::decode,
            HANDLE,
            MODIFIES,
            INLINE,
            new ProcMKDIR(c)),
        p(
            10,
            "SYMLINK",
            SYMLINK3args.class,
            SYMLINK3args::decode,
            HANDLE,
            MODIFIES,
            INLINE,
            new ProcSYMLINK(c)),
        p(
            11,
            "MKNOD",
            MKNOD3args.class,
            MKNOD3args::decode,
            HANDLE,
            MODIFIES,
            INLINE,
            new ProcMKNOD(c)),
        p(
            12,
            "REMOVE",
            REMOVE3args.class,
            REMOVE3args::decode,
            HANDLE,
            MODIFIES,
            INLINE,
            new ProcREMOVE(c)),
        p(
            13,
            "RMDIR",
            RMDIR3args.class,
            RMDIR3args::decode,
            HANDLE,
            MODIFIES,
            INLINE,
            new ProcRMDIR(c)),
        p(
            14,
            "RENAME",
            RENAME3args.class,
            RENAME3args::decode,
            HANDLE,
            MODIFIES,
            INLINE,
            new ProcRENAME(c)),
        p(
            15,
            "LINK",
            LINK3args.class,
            LINK3args::decode,
            HANDLE,
            MODIFIES,
            INLINE,
            new ProcLINK(c)),
        p(
            16,
            "READDIR",
            READDIR3args.class,
            READDIR3args::decode,
            HANDLE,
            READS,
            INLINE,
            new ProcREADDIR(c)),
        p(
            17,
            "READDIRPLUS",
            READDIRPLUS3args.class,
            READDIRPLUS3args::decode,
            HANDLE,
            READS,
            INLINE,
            new ProcREADDIRPLUS(c)),
        p(
            18,
            "FSSTAT",
            FSSTAT3args.class,
            FSSTAT3args::decode,
            HANDLE,
            READS,
            INLINE,
            new ProcFSSTAT(c)),
        p(
            19,
            "FSINFO",
            FSINFO3args.class,
            FSINFO3args::decode,
            HANDLE,
            READS,
            INLINE,
            new ProcFSINFO(c)),
        p(
            20,
            "PATHCONF",
            PATHCONF3args.class,
            PATHCONF3args::decode,
            HANDLE,
            READS,
            INLINE,
            new ProcPATHCONF(c)),
        p(
            21,
            "COMMIT",
            COMMIT3args.class,
            COMMIT3args::decode,
            HANDLE,
            READS,
            POOL,
            new ProcCOMMIT(c)));
  }

  private static <A extends org.ferryfs.nfs.v3.xdr.Nfs3Args> Nfs3Procedure<A> p(
      int number,
      String name,
      Class<A> argsType,
      org.ferryfs.nfs.xdr.XdrDecoder<A> decoder,
      boolean needsHandle,
      boolean modifies,
      boolean mayRunInline,
      Nfs3Handler<A> handler) {
    return new Nfs3Procedure<>(
        number, name, argsType, decoder, needsHandle, modifies, mayRunInline, handler);
  }
}
