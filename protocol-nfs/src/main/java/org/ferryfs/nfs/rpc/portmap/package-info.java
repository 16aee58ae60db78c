/** A tiny read-only portmapper (RFC 1833 version 2) announcing where NFS and MOUNT listen. */
package org.ferryfs.nfs.rpc.portmap;
