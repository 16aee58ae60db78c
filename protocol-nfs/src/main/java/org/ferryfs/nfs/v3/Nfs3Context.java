package org.ferryfs.nfs.v3;

import org.ferryfs.backend.FileAttributes;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.frontend.FileService;
import org.ferryfs.nfs.handle.HandleCodec;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;
import org.ferryfs.nfs.v3.xdr.PostOpFh3;
import org.ferryfs.nfs.v3.xdr.WccData;

/**
 * What every NFSv3 procedure works with: the core's facade and the handle codec, plus the small
 * conversions they share.
 *
 * @param files the core
 * @param handles Ferry's handle codec
 */
public record Nfs3Context(FileService files, HandleCodec handles) {

  /** The handle for {@code ref}. */
  public NfsFh3 fh(FileRef ref) {
    return new NfsFh3(handles.encode(ref));
  }

  public PostOpFh3 postOpFh(FileRef ref) {
    return new PostOpFh3(fh(ref));
  }

  /** Attributes of an object of {@code ref}'s export, or ABSENT for {@code null}. */
  public static PostOpAttr post(FileAttributes attributes, FileRef ref) {
    return attributes == null
        ? PostOpAttr.ABSENT
        : new PostOpAttr(Nfs3Attrs.fattr3(attributes, ref.exportIndex()));
  }

  /** wcc_data with only the attributes after a change. */
  public static WccData after(FileAttributes attributes, FileRef ref) {
    return WccData.after(post(attributes, ref));
  }
}
