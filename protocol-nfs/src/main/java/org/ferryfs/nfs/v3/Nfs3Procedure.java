package org.ferryfs.nfs.v3;

import org.ferryfs.nfs.v3.xdr.Nfs3Args;
import org.ferryfs.nfs.xdr.XdrDecoder;

/**
 * One row of the {@link Nfs3DispatchTable}: a procedure and the preconditions the dispatcher checks
 * before its handler runs.
 *
 * @param number the procedure number (RFC 1813 §3.3)
 * @param name the name as RFC 1813 spells it
 * @param argsType the arguments' class
 * @param decoder decodes the arguments
 * @param needsHandle every handle in the arguments must be one of ours (else NFS3ERR_BADHANDLE)
 * @param modifies the procedure changes the file system (refused with NFS3ERR_ROFS on a read-only
 *     export)
 * @param mayRunInline the procedure is usually quick, so it may run on the I/O thread while its
 *     recent running time is short ({@link org.ferryfs.nfs.rpc.ServiceTime})
 * @param handler executes it
 * @param <A> the arguments
 */
public record Nfs3Procedure<A extends Nfs3Args>(
    int number,
    String name,
    Class<A> argsType,
    XdrDecoder<A> decoder,
    boolean needsHandle,
    boolean modifies,
    boolean mayRunInline,
    Nfs3Handler<A> handler) {}
