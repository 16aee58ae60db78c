package org.ferryfs.nfs.mount;

import org.ferryfs.frontend.FileService;
import org.ferryfs.nfs.handle.HandleCodec;
import org.ferryfs.nfs.rpc.RpcCallContext;

/**
 * What the MOUNT procedures share.
 *
 * @param files the core
 * @param handles the NFS handle codec (MNT returns NFSv3 handles)
 * @param mounts the mount list
 */
public record MountContext(FileService files, HandleCodec handles, MountTable mounts) {

  /** How a client is named in the mount list: its address (stable, unlike its claimed name). */
  public static String host(RpcCallContext rpc) {
    return rpc.remote().getAddress().getHostAddress();
  }
}
