package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * RFC 1813 §2.6 {@code wcc_data}: attributes before and after a change (either may be absent).
 *
 * @param before pre-operation attributes
 * @param after post-operation attributes
 */
public record WccData(PreOpAttr before, PostOpAttr after) implements XdrType {

  public static final WccData EMPTY = new WccData(PreOpAttr.ABSENT, PostOpAttr.ABSENT);

  /** Only the attributes after the change. */
  public static WccData after(PostOpAttr after) {
    return new WccData(PreOpAttr.ABSENT, after);
  }

  public static WccData decode(XdrDecodingStream in) throws IOException {
    return new WccData(PreOpAttr.decode(in), PostOpAttr.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    before.encode(out);
    after.encode(out);
  }
}
