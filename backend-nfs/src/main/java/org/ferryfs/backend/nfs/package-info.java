/**
 * The {@code nfs://} backend driver: Ferry as an NFSv3 + MOUNT v3 client (RFC 1813) of a backend
 * NFS server, on the client in {@code org.ferryfs.nfs.client}. See the module's README.
 */
package org.ferryfs.backend.nfs;
