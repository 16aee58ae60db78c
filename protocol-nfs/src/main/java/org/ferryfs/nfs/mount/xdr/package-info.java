/**
 * MOUNT protocol version 3 XDR types (RFC 1813 §5), one class per type, each citing its section.
 */
package org.ferryfs.nfs.mount.xdr;
