package org.ferryfs.nfs.v3.xdr;

import java.util.List;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * The arguments of an NFSv3 procedure. The dispatcher resolves {@link #handles()} (and refuses the
 * call with NFS3ERR_BADHANDLE if one is not ours) before the procedure runs.
 */
public interface Nfs3Args extends XdrType {

  /** The file handles of these arguments, the object operated on first. */
  List<NfsFh3> handles();
}
