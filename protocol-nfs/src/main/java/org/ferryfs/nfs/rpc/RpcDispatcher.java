package org.ferryfs.nfs.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import org.dcache.oncrpc4j.grizzly.GrizzlyRpcTransport;
import org.dcache.oncrpc4j.rpc.ReplyQueue;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last filter: routes each decoded call to its program and procedure and runs it on the
 * executor (virtual threads), under the connection's in-flight limit ({@link ConnectionState}).
 *
 * <ul>
 *   <li>unknown program → PROG_UNAVAIL;
 *   <li>known program, version not served → PROG_MISMATCH with the lowest and highest served;
 *   <li>unknown procedure → PROC_UNAVAIL;
 *   <li>otherwise {@link ProcedureExecutor#run}.
 * </ul>
 */
public final class RpcDispatcher extends BaseFilter {

  private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

  private static final Attribute<ConnectionState> STATE =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(RpcDispatcher.class.getName() + ".state");

  private final ProgramTable programs;
  private final Executor executor;
  private final ReplyQueue replyQueue;
  private final int maxInFlight;
  private final int maxQueued;

  /**
   * @param programs what is served
   * @param executor runs calls (one virtual thread each in production; direct in tests)
   * @param replyQueue needed by oncrpc4j's transport; unused by a server
   * @param maxInFlight calls per connection running or waiting for their reply to be written
   * @param maxQueued calls per connection queued beyond that before the connection is closed
   */
  public RpcDispatcher(
      ProgramTable programs,
      Executor executor,
      ReplyQueue replyQueue,
      int maxInFlight,
      int maxQueued) {
    if (maxInFlight < 1 || maxQueued < 1) {
      throw new IllegalArgumentException(
          "maxInFlight and maxQueued must be positive, got " + maxInFlight + " / " + maxQueued);
    }
    this.programs = programs;
    this.executor = executor;
    this.replyQueue = replyQueue;
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    ConnectionState state = state(ctx.getConnection());
    submit(state, ctx.getMessage());
    return ctx.getStopAction();
  }

  /** Queues one decoded record's call on its connection. */
  void submit(ConnectionState state, CallHeaderDecoder.Outcome outcome) {
    if (outcome instanceof CallHeaderDecoder.Accept accept) {
      RpcRequest request = accept.request();
      state.submit(() -> process(state, request));
    } else if (outcome instanceof CallHeaderDecoder.Deny deny) {
      state.submit(() -> deny(state, deny));
    }
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    ConnectionState state = STATE.remove(ctx.getConnection());
    if (state != null) {
      state.closed();
    }
    return ctx.getInvokeAction();
  }

  @SuppressWarnings("unchecked")
  private ConnectionState state(Connection<?> connection) {
    ConnectionState state = STATE.get(connection);
    if (state == null) {
      Connection<InetSocketAddress> c = (Connection<InetSocketAddress>) connection;
      state =
          new ConnectionState(
              new GrizzlyControl(c),
              new GrizzlyRpcTransport(c, replyQueue),
              executor,
              maxInFlight,
              maxQueued);
      STATE.set(connection, state);
    }
    return state;
  }

  /** A new connection's admission state, for tests that drive the dispatcher directly. */
  ConnectionState newState(ConnectionControl control, RpcTransport transport) {
    return new ConnectionState(control, transport, executor, maxInFlight, maxQueued);
  }

  /** {@link ConnectionControl} over a Grizzly connection. */
  private record GrizzlyControl(Connection<InetSocketAddress> connection)
      implements ConnectionControl {
    @Override
    public void setReading(boolean on) {
      try {
        if (on) {
          connection.enableIOEvent(IOEvent.READ);
        } else {
          connection.disableIOEvent(IOEvent.READ);
        }
      } catch (IOException e) {
        LOG.debug("cannot switch reading {} on {}: {}", on ? "on" : "off", remote(), e.toString());
      }
    }

    @Override
    public void close() {
      connection.closeSilently();
    }

    @Override
    public InetSocketAddress remote() {
      return connection.getPeerAddress();
    }
  }

  static void deny(ConnectionState state, CallHeaderDecoder.Deny deny) {
    LOG.debug("call from {} denied: {}", state.remote(), deny.why());
    ServerCall call =
        new ServerCall(deny.xid(), 0, 0, 0, null, new Xdr(0), state.transport(), state::done);
    try {
      call.reject(deny.rejectStatus(), deny.reason());
    } finally {
      if (!call.replied()) {
        call.finish();
      }
    }
  }

  /** Routes and runs one call; never throws. */
  void process(ConnectionState state, RpcRequest request) {
    ServerCall call =
        new ServerCall(
            request.xid(),
            request.program(),
            request.version(),
            request.procedure(),
            request.credential(),
            request.args(),
            state.transport(),
            state::done);
    try {
      route(request, call);
    } catch (RuntimeException e) {
      LOG.error("call {} from {} failed outside any procedure", call, request.remote(), e);
      if (!call.replied()) {
        call.failRpcSystem();
      }
    } finally {
      if (!call.replied()) {
        call.finish();
      }
    }
  }

  private void route(RpcRequest request, ServerCall call) {
    RpcProgram program = programs.lookup(request.program(), request.version());
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
    RpcProcedure<?> procedure = program.procedure(request.procedure());
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
            request.remote());
    ProcedureExecutor.run(procedure, context, call);
  }
}
