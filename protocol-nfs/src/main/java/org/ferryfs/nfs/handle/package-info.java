/**
 * NFS file handles: {@link org.ferryfs.nfs.handle.HandleCodec} turns a Ferry {@code FileRef} into
 * 33 authenticated bytes and back. No backend bytes ever enter a handle.
 */
package org.ferryfs.nfs.handle;
