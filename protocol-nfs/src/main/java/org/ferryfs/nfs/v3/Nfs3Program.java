package org.ferryfs.nfs.v3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.nfs.rpc.CallCredential;
import org.ferryfs.nfs.rpc.RpcCallContext;
import org.ferryfs.nfs.rpc.RpcProcedure;
import org.ferryfs.nfs.rpc.RpcProgram;
import org.ferryfs.nfs.rpc.ServiceTime;
import org.ferryfs.nfs.v3.xdr.Nfs3Args;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * NFS version 3 (RFC 1813), program 100003 version 3: the {@link Nfs3DispatchTable} as an RPC
 * program. Before a handler runs, the dispatcher here checks the row's preconditions: it resolves
 * every handle (NFS3ERR_BADHANDLE if one is not ours) and, for modifying procedures, refuses a
 * read-only export (NFS3ERR_ROFS). Errors become results in {@link
 * org.ferryfs.nfs.rpc.ProcedureExecutor} through {@link Nfs3Status}.
 */
public final class Nfs3Program implements RpcProgram {

  /** RFC 1813 has no "nobody"; 65534 is the customary id for AUTH_NONE callers. */
  public static final int NOBODY = 65534;

  private final Nfs3Context context;
  private final RpcProcedure<?>[] procedures;

  public Nfs3Program(Nfs3Context context) {
    this.context = context;
    List<Nfs3Procedure<?>> table = Nfs3DispatchTable.procedures(context);
    List<RpcProcedure<?>> adapters = new ArrayList<>();
    for (int i = 0; i < table.size(); i++) {
      Nfs3Procedure<?> p = table.get(i);
      if (p.number() != i) {
        throw new IllegalStateException(
            "dispatch table row " + i + " holds procedure " + p.number());
      }
      adapters.add(new Adapter<>(p));
    }
    this.procedures = adapters.toArray(new RpcProcedure<?>[0]);
  }

  @Override
  public int number() {
    return Nfs3Limits.PROGRAM;
  }

  @Override
  public int version() {
    return Nfs3Limits.VERSION;
  }

  @Override
  public String name() {
    return "NFS";
  }

  @Override
  public RpcProcedure<?> procedure(int procedure) {
    return procedure >= 0 && procedure < procedures.length ? procedures[procedure] : null;
  }

  /** The caller of an RPC call: AUTH_SYS identity, or nobody for AUTH_NONE. */
  public static Caller caller(RpcCallContext rpc) {
    if (rpc.credential() instanceof CallCredential.AuthSys sys) {
      return new Caller(sys.uid(), sys.gid(), sys.gids(), rpc.remote().getAddress());
    }
    return new Caller(NOBODY, NOBODY, new int[0], rpc.remote().getAddress());
  }

  /** A dispatch table row as an RPC procedure, checking the row's preconditions. */
  private final class Adapter<A extends Nfs3Args> implements RpcProcedure<A> {
    private final Nfs3Procedure<A> row;
    private final ServiceTime time;

    Adapter(Nfs3Procedure<A> row) {
      this.row = row;
      this.time = row.mayRunInline() ? new ServiceTime() : null;
    }

    @Override
    public ServiceTime serviceTime() {
      // Only while no backend call can wait on a network: a hung backend must not stall a
      // selector thread and with it every connection it serves.
      return time != null && context.files().callsAreLocal() ? time : null;
    }

    @Override
    public String name() {
      return row.name();
    }

    @Override
    public A decode(XdrDecodingStream in) throws IOException {
      return row.decoder().decode(in);
    }

    @Override
    public XdrType execute(RpcCallContext rpc, A args) throws BackendException {
      List<FileRef> refs = List.of();
      if (row.needsHandle()) {
        List<NfsFh3> handles = args.handles();
        refs = new ArrayList<>(handles.size());
        for (NfsFh3 fh : handles) {
          refs.add(context.handles().decode(fh.data()));
        }
      }
      if (row.modifies() && context.files().export(refs.get(0)).readOnly()) {
        throw new BackendException(BackendStatus.READ_ONLY, row.name() + " on a read-only export");
      }
      return row.handler().execute(new Nfs3Call(rpc, caller(rpc), refs), args);
    }

    @Override
    public XdrType failure(BackendStatus status) {
      return row.handler().failure(Nfs3Status.of(status));
    }
  }
}
