/**
 * ONC RPC (RFC 5531) over TCP on Grizzly: record marking with bounded records, call-header decoding
 * with AUTH_NONE/AUTH_SYS, a program table dispatcher with per-connection in-flight limits, and
 * {@link org.ferryfs.nfs.rpc.ProcedureExecutor}, the one place where errors become replies.
 *
 * <p>The I/O path is our own, on Grizzly's TCP transport: records are read into pooled direct
 * buffers ({@link org.ferryfs.nfs.rpc.RecordReader}, {@link org.ferryfs.nfs.rpc.BufferPool}) and
 * replies written from them ({@link org.ferryfs.nfs.rpc.ServerCall}). oncrpc4j supplies the XDR
 * decoding stream ({@code Xdr}) and RPC constants; its transport, call object and server filter
 * chain are deliberately not used.
 */
package org.ferryfs.nfs.rpc;
