package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.5 SMB2 SESSION_SETUP Request.
 *
 * @param flags Flags (1): 0x01 SESSION_FLAG_BINDING
 * @param securityMode SecurityMode (1)
 * @param capabilities Capabilities (4)
 * @param previousSessionId PreviousSessionId (8)
 * @param securityBuffer the GSS token
 */
public record Smb2SessionSetupRequest(
    int flags, int securityMode, int capabilities, long previousSessionId, byte[] securityBuffer) {

  public static Smb2SessionSetupRequest decode(ByteReader r) throws WireException {
    Body.start(r, 25, "SESSION_SETUP");
    int flags = r.u8();
    int securityMode = r.u8();
    int capabilities = r.i32();
    r.skip(4); // Channel
    int off = r.u16();
    int len = r.u16();
    long prev = r.i64();
    return new Smb2SessionSetupRequest(flags, securityMode, capabilities, prev, r.slice(off, len));
  }
}
