package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.nfs.v3.xdr.Nfs3Args;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;

/**
 * The execute and failure halves of one NFSv3 procedure (decode is the args type's, reply the
 * result type's). Handlers may assume what the {@link Nfs3DispatchTable} declared: handles are
 * valid, and for modifying procedures the export is writable.
 *
 * @param <A> the procedure's arguments
 */
public interface Nfs3Handler<A extends Nfs3Args> {

  /** Runs the procedure; failures are thrown as {@link BackendException}. */
  Nfs3Res execute(Nfs3Call call, A args) throws BackendException;

  /** The result for failure {@code nfsstat3}, or {@code null} for none (SYSTEM_ERR). */
  Nfs3Res failure(int nfsstat3);
}
