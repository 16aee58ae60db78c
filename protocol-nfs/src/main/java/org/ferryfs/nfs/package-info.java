/**
 * Ferry's NFS front end. {@link org.ferryfs.nfs.NfsServer} is the entry point: NFSv3 and MOUNT v3
 * over ONC RPC, talking to the core only through {@code org.ferryfs.frontend.FileService}. See the
 * module README for the layout.
 */
package org.ferryfs.nfs;
