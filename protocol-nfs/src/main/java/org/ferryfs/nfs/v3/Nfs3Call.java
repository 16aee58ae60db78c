package org.ferryfs.nfs.v3;

import java.util.List;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.nfs.rpc.RpcCallContext;

/**
 * One NFSv3 call as a procedure sees it, after the dispatcher's checks.
 *
 * @param rpc the RPC call
 * @param caller who asks
 * @param refs the references of the arguments' handles, in {@link
 *     org.ferryfs.nfs.v3.xdr.Nfs3Args#handles()} order, all valid
 */
public record Nfs3Call(RpcCallContext rpc, Caller caller, List<FileRef> refs) {

  public Nfs3Call {
    refs = List.copyOf(refs);
  }

  /** The reference of the first handle (the object operated on). */
  public FileRef ref() {
    return refs.get(0);
  }

  public FileRef ref(int i) {
    return refs.get(i);
  }
}
