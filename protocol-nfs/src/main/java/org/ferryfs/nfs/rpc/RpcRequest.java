package org.ferryfs.nfs.rpc;

import java.net.InetSocketAddress;
import org.dcache.oncrpc4j.xdr.Xdr;

/**
 * A call whose header has been decoded and accepted: the next filter routes it to a program.
 *
 * @param xid the transaction id (RFC 5531 §9)
 * @param program program number
 * @param version program version
 * @param procedure procedure number
 * @param credential the checked credential
 * @param args the procedure's arguments, positioned at their first byte
 * @param remote the caller's address
 */
public record RpcRequest(
    int xid,
    int program,
    int version,
    int procedure,
    CallCredential credential,
    Xdr args,
    InetSocketAddress remote) {}
