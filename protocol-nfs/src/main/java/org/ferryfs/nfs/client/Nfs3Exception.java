package org.ferryfs.nfs.client;

import java.io.IOException;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;

/** An NFSv3 procedure answered with an error status; the whole result is kept (wcc data etc.). */
public final class Nfs3Exception extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Nfs3Res result;

  public Nfs3Exception(String procedure, Nfs3Res result) {
    super(procedure + " failed: " + Nfsstat3.name(result.status()));
    this.status = result.status();
    this.result = result;
  }

  /** The {@code nfsstat3}. */
  public int status() {
    return status;
  }

  /** The failed result. */
  public Nfs3Res result() {
    return result;
  }
}
