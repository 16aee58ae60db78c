/**
 * ONC RPC (RFC 5531) over TCP on Grizzly: record marking with bounded records, call-header decoding
 * with AUTH_NONE/AUTH_SYS, a program table dispatcher with per-connection in-flight limits, and
 * {@link org.ferryfs.nfs.rpc.ProcedureExecutor}, the one place where errors become replies.
 *
 * <p>oncrpc4j supplies the XDR stream ({@code Xdr}), the transport ({@code GrizzlyRpcTransport})
 * and the call object ({@code RpcCall}, extended by {@link org.ferryfs.nfs.rpc.ServerCall}); its
 * server filter chain is deliberately not used.
 */
package org.ferryfs.nfs.rpc;
