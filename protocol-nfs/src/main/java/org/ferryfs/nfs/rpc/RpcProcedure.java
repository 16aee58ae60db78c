package org.ferryfs.nfs.rpc;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * One procedure of one program version: decode, execute and the failure replies, kept apart so the
 * {@link ProcedureExecutor} can catch every error in one place.
 *
 * @param <A> the decoded arguments
 */
public interface RpcProcedure<A> {

  /** The procedure's name as its specification spells it, for logs. */
  String name();

  /**
   * Decodes the arguments.
   *
   * @throws BackendException for well-formed arguments that break one of our rules (answered with
   *     {@link #failure})
   * @throws IOException for malformed arguments (answered with GARBAGE_ARGS)
   */
  A decode(XdrDecodingStream in) throws IOException;

  /**
   * Executes the procedure.
   *
   * @return the reply body
   * @throws BackendException answered with {@link #failure}
   */
  XdrType execute(RpcCallContext context, A args) throws BackendException;

  /**
   * The reply body for a failure with {@code status}, or {@code null} if this procedure has no way
   * to say so (then the call is answered SYSTEM_ERR).
   */
  XdrType failure(BackendStatus status);

  /**
   * The procedure's running-time record if it is usually short (no long waits on a backend) and may
   * therefore run on the I/O thread that read its call while its recent running time is short
   * ({@link ServiceTime}); {@code null} (the default) to always run it on the executor.
   */
  default ServiceTime serviceTime() {
    return null;
  }
}
