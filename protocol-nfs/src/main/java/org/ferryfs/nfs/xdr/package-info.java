/**
 * XDR (RFC 4506) building blocks shared by every ONC RPC program here: {@link
 * org.ferryfs.nfs.xdr.XdrType} for values that encode themselves, {@link
 * org.ferryfs.nfs.xdr.XdrDecoder} for their static decoders, and {@link org.ferryfs.nfs.xdr.Xdrs},
 * bounded primitives that check each length read from the wire before allocating anything, and
 * {@link org.ferryfs.nfs.xdr.XdrEncoder}, the encoder replies are written with (into pooled direct
 * buffers, with bulk data appended without a copy).
 */
package org.ferryfs.nfs.xdr;
