package org.ferryfs.nfs.rpc;

import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each decoded call to its program and procedure and runs it under the connection's
 * in-flight limit ({@link ConnectionState}): on the selector thread that read it if the procedure
 * is short ({@link RpcProcedure#serviceTime()}) and no other call of the connection is running,
 * else on the executor.
 *
 * <ul>
 *   <li>unknown program → PROG_UNAVAIL;
 *   <li>known program, version not served → PROG_MISMATCH with the lowest and highest served;
 *   <li>unknown procedure → PROC_UNAVAIL;
 *   <li>otherwise {@link ProcedureExecutor#run}.
 * </ul>
 */
public final class RpcDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

  private final ProgramTable programs;
  private final Executor executor;
  private final IoBuffers buffers;
  private final int maxInFlight;
  private final int maxQueued;

  /**
   * @param programs what is served
   * @param executor runs the calls that do not run on the selector ({@link CallExecutor} in
   *     production; direct in tests)
   * @param buffers reply buffers
   * @param maxInFlight calls per connection running or waiting for their reply to be written
   * @param maxQueued calls per connection queued beyond that before the connection is closed
   */
  public RpcDispatcher(
      ProgramTable programs, Executor executor, IoBuffers buffers, int maxInFlight, int maxQueued) {
    if (maxInFlight < 1 || maxQueued < 1) {
      throw new IllegalArgumentException(
          "maxInFlight and maxQueued must be positive, got " + maxInFlight + " / " + maxQueued);
    }
    this.programs = programs;
    this.executor = executor;
    this.buffers = buffers;
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  /** A new connection's admission state. */
  ConnectionState newState(ConnectionControl control, ReplyChannel channel) {
    return new ConnectionState(control, channel, executor, maxInFlight, maxQueued);
  }

  /**
   * Queues one decoded record's call on its connection. {@code record} (the buffer the call's
   * arguments are a view of) is released when the call has been answered or dropped.
   */
  void submit(ConnectionState state, CallHeaderDecoder.Outcome outcome, Lease record) {
    if (outcome instanceof CallHeaderDecoder.Accept accept) {
      RpcRequest request = accept.request();
      RpcProgram program = programs.lookup(request.program(), request.version());
      RpcProcedure<?> procedure = program == null ? null : program.procedure(request.procedure());
      state.submit(new Call(state, request, record, program, procedure));
    } else if (outcome instanceof CallHeaderDecoder.Deny deny) {
      state.submit(new Denial(state, deny, record));
    } else if (record != null) {
      record.release();
    }
  }

  /** One accepted call: routed when submitted, run on the selector or the executor. */
  private final class Call implements ConnectionState.Task {
    private final ConnectionState state;
    private final RpcRequest request;
    private final Lease record;
    private final RpcProgram program;
    private final RpcProcedure<?> procedure;
    private final ServiceTime time;

    Call(
        ConnectionState state,
        RpcRequest request,
        Lease record,
        RpcProgram program,
        RpcProcedure<?> procedure) {
      this.state = state;
      this.request = request;
      this.record = record;
      this.program = program;
      this.procedure = procedure;
      this.time = procedure == null ? null : procedure.serviceTime();
    }

    @Override
    public boolean mayRunInline() {
      // Errors (no such program or procedure) are answered at once.
      return procedure == null || (time != null && time.isShort());
    }

    @Override
    public void abandon() {
      if (record != null) {
        record.release();
      }
    }

    @Override
    public void run() {
      long start = time == null ? 0 : System.nanoTime();
      process(state, request, record, program, procedure);
      if (time != null) {
        time.record(System.nanoTime() - start);
      }
    }
  }

  /** A call denied by its header: answered at once. */
  private final class Denial implements ConnectionState.Task {
    private final ConnectionState state;
    private final CallHeaderDecoder.Deny deny;
    private final Lease record;

    Denial(ConnectionState state, CallHeaderDecoder.Deny deny, Lease record) {
      this.state = state;
      this.deny = deny;
      this.record = record;
    }

    @Override
    public boolean mayRunInline() {
      return true;
    }

    @Override
    public void abandon() {
      if (record != null) {
        record.release();
      }
    }

    @Override
    public void run() {
      LOG.debug("call from {} denied: {}", state.remote(), deny.why());
      ServerCall call = new ServerCall(deny.xid(), null, record, state.channel(), buffers, state);
      try {
        call.reject(deny.rejectStatus(), deny.reason());
      } catch (RuntimeException e) {
        LOG.error("rejecting {} from {} failed", call, state.remote(), e);
      } finally {
        if (!call.replied()) {
          call.finish();
        }
      }
    }
  }

  /** Routes and runs one call; never throws. */
  private void process(
      ConnectionState state,
      RpcRequest request,
      Lease record,
      RpcProgram program,
      RpcProcedure<?> procedure) {
    ServerCall call =
        new ServerCall(request.xid(), request.args(), record, state.channel(), buffers, state);
    try {
      route(request, program, procedure, call);
    } catch (RuntimeException e) {
      LOG.error("{} from {} failed outside any procedure", call, request.remote(), e);
      if (!call.replied()) {
        call.failRpcSystem();
      }
    } finally {
      if (!call.replied()) {
        call.finish();
      }
    }
  }

  private void route(
      RpcRequest request, RpcProgram program, RpcProcedure<?> procedure, ServerCall call) {
    if (program == null) {
      if (programs.hasProgram(request.program())) {
        LOG.debug(
            "program {} version {} not served to {}",
            request.program(),
            request.version(),
            request.remote());
        call.failProgramMismatch(
            programs.lowestVersion(request.program()), programs.highestVersion(request.program()));
      } else {
        LOG.debug("program {} not served to {}", request.program(), request.remote());
        call.failProgramUnavailable();
      }
      return;
    }
    if (procedure == null) {
      LOG.debug(
          "{} v{} has no procedure {} (from {})",
          program.name(),
          program.version(),
          request.procedure(),
          request.remote());
      call.failProcedureUnavailable();
      return;
    }
    RpcCallContext context =
        new RpcCallContext(
            request.xid(),
            program.name(),
            program.version(),
            procedure.name(),
            request.credential(),
            request.remote(),
            call);
    ProcedureExecutor.run(procedure, context, call);
  }
}
