package org.ferryfs.nfs.rpc;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.xdr.XdrType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one procedure and answers it: the one place where errors of every program are caught and
 * logged (DESIGN.md §5.4).
 *
 * <ul>
 *   <li>decoding fails with an {@link IOException} (malformed XDR) → GARBAGE_ARGS, logged at warn;
 *   <li>decoding or execution throws {@link BackendException} → the procedure's {@link
 *       RpcProcedure#failure} reply for that status, logged by {@link BackendStatus#fault()}:
 *       server → error with stack, environment → warn, lost state → info, client → debug;
 *   <li>anything else ({@link RuntimeException}, a bug) → the procedure's SERVERFAULT reply (or
 *       SYSTEM_ERR where the procedure has no status), logged at error.
 * </ul>
 */
public final class ProcedureExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(ProcedureExecutor.class);

  private ProcedureExecutor() {}

  /** Decodes the call's arguments, executes {@code procedure} and sends the reply. */
  public static <A> void run(RpcProcedure<A> procedure, RpcCallContext context, ServerCall call) {
    Xdr xdr = call.args();
    A args;
    try {
      xdr.beginDecoding();
      args = procedure.decode(xdr);
    } catch (BackendException e) {
      logFailure(context, e);
      replyFailure(procedure, context, call, e.status());
      return;
    } catch (IOException e) {
      LOG.warn("{}: GARBAGE_ARGS: {}", context, e.getMessage());
      call.failRpcGarbage();
      return;
    } catch (RuntimeException e) {
      LOG.error("{}: decoder failed; answering GARBAGE_ARGS", context, e);
      call.failRpcGarbage();
      return;
    }

    XdrType result;
    try {
      result = procedure.execute(context, args);
    } catch (BackendException e) {
      logFailure(context, e);
      replyFailure(procedure, context, call, e.status());
      return;
    } catch (RuntimeException e) {
      LOG.error("{}: server fault", context, e);
      replyFailure(procedure, context, call, BackendStatus.SERVER_FAULT);
      return;
    }
    call.reply(result);
  }

  private static void replyFailure(
      RpcProcedure<?> procedure, RpcCallContext context, ServerCall call, BackendStatus status) {
    XdrType failure;
    try {
      failure = procedure.failure(status);
    } catch (RuntimeException e) {
      LOG.error("{}: building the {} reply failed", context, status, e);
      failure = null;
    }
    if (failure == null) {
      call.failRpcSystem();
    } else {
      call.reply(failure);
    }
  }

  /** Logs a failed call at the level its {@link BackendStatus.Fault} calls for. */
  static void logFailure(RpcCallContext context, BackendException e) {
    switch (e.status().fault()) {
      case SERVER -> LOG.error("{}: {}", context, e.toString(), e);
      case ENVIRONMENT -> LOG.warn("{}: {}", context, e.toString());
      case LOST_STATE -> LOG.info("{}: {}", context, e.toString());
      case CLIENT -> LOG.debug("{}: {}", context, e.toString());
    }
  }
}
