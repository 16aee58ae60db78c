package org.ferryfs.nfs.v3.xdr;

import org.ferryfs.nfs.xdr.XdrType;

/**
 * The result of an NFSv3 procedure: a discriminated union on {@link Nfsstat3} (RFC 1813 §3.3). Each
 * result type holds its {@code resok} fields (defaults when failed) and its {@code resfail} fields
 * in one record.
 */
public interface Nfs3Res extends XdrType {

  /** The {@code nfsstat3}; {@link Nfsstat3#NFS3_OK} for success. */
  int status();

  default boolean ok() {
    return status() == Nfsstat3.NFS3_OK;
  }
}
