package org.ferryfs.nfs.rpc;

import java.net.InetSocketAddress;

/**
 * What a procedure knows about the call it serves.
 *
 * @param xid the transaction id
 * @param programName the program's name, for logs
 * @param version the program version
 * @param procedureName the procedure's name, for logs
 * @param credential the caller's checked credential
 * @param remote the caller's address
 * @param buffers buffers for the reply's data (see {@link ReplyBuffers#take})
 */
public record RpcCallContext(
    int xid,
    String programName,
    int version,
    String procedureName,
    CallCredential credential,
    InetSocketAddress remote,
    ReplyBuffers buffers) {

  @Override
  public String toString() {
    return programName
        + "v"
        + version
        + " "
        + procedureName
        + " xid="
        + Integer.toUnsignedString(xid, 16)
        + " from "
        + remote;
  }
}
