package org.ferryfs.smb.wire;

import java.util.List;

/**
 * [MS-SMB2] 2.2.4 SMB2 NEGOTIATE Response (StructureSize 65).
 *
 * @param securityMode SecurityMode (2)
 * @param dialect DialectRevision (2)
 * @param serverGuid ServerGuid (16)
 * @param capabilities Capabilities (4)
 * @param maxTransactSize MaxTransactSize (4)
 * @param maxReadSize MaxReadSize (4)
 * @param maxWriteSize MaxWriteSize (4)
 * @param systemTime SystemTime (8), FILETIME
 * @param securityBuffer the GSS token (SPNEGO negTokenInit)
 * @param contexts NegotiateContextList, for 3.1.1 only
 */
public record Smb2NegotiateResponse(
    int securityMode,
    int dialect,
    byte[] serverGuid,
    int capabilities,
    int maxTransactSize,
    int maxReadSize,
    int maxWriteSize,
    long systemTime,
    byte[] securityBuffer,
    List<Smb2NegotiateRequest.NegotiateContext> contexts) {

  public void encode(ByteWriter w) {
    int start = w.position(); // the header starts at start - 64
    w.u16(65).u16(securityMode).u16(dialect).u16(contexts.size()).bytes(serverGuid);
    w.i32(capabilities).i32(maxTransactSize).i32(maxReadSize).i32(maxWriteSize);
    w.i64(systemTime).i64(0);
    int secOffset = Smb2Header.SIZE + 64;
    w.u16(secOffset).u16(securityBuffer.length);
    int ctxOffsetAt = w.position();
    w.i32(0);
    w.bytes(securityBuffer);
    if (!contexts.isEmpty()) {
      // offsets are from the header's start; the header is 64 bytes, a multiple of 8
      w.align(8);
      w.putI32(ctxOffsetAt, Smb2Header.SIZE + w.position() - start);
      for (int i = 0; i < contexts.size(); i++) {
        if (i > 0) {
          w.align(8);
        }
        var c = contexts.get(i);
        w.u16(c.type()).u16(c.data().length).i32(0).bytes(c.data());
      }
    }
  }
}
