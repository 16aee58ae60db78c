package org.ferryfs.nfs.xdr;

import java.io.IOException;

/** Bytes that are not a valid XDR encoding of the expected type (RFC 4506). */
public class XdrException extends IOException {
  private static final long serialVersionUID = 1L;

  public XdrException(String message) {
    super(message);
  }
}
