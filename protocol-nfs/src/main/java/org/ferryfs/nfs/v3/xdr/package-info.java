/**
 * NFS version 3 XDR types (RFC 1813 §2.5–§3.3): one class per type and one per procedure's
 * arguments ({@code *3args}) and result ({@code *3res}, resok and resfail in one record). Each
 * cites its RFC section; decoders check every wire length before allocating (see {@link
 * org.ferryfs.nfs.v3.xdr.Nfs3Limits}).
 */
package org.ferryfs.nfs.v3.xdr;
