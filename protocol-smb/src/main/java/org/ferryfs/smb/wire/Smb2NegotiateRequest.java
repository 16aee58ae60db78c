package org.ferryfs.smb.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.3 SMB2 NEGOTIATE Request.
 *
 * @param securityMode SecurityMode (2)
 * @param capabilities Capabilities (4)
 * @param clientGuid ClientGuid (16)
 * @param dialects Dialects (2 each, DialectCount of them)
 * @param contexts NegotiateContextList (2.2.3.1), present when 0x0311 is offered
 */
public record Smb2NegotiateRequest(
    int securityMode,
    int capabilities,
    byte[] clientGuid,
    int[] dialects,
    List<NegotiateContext> contexts) {

  /** Most dialects or contexts accepted; a real client sends at most a handful. */
  static final int MAX_ITEMS = 64;

  /**
   * [MS-SMB2] 2.2.3.1 NEGOTIATE_CONTEXT.
   *
   * @param type ContextType (2)
   * @param data Data (DataLength bytes)
   */
  public record NegotiateContext(int type, byte[] data) {}

  public static final int PREAUTH_INTEGRITY_CAPABILITIES = 0x0001;
  public static final int ENCRYPTION_CAPABILITIES = 0x0002;
  public static final int SIGNING_CAPABILITIES = 0x0008;

  public static Smb2NegotiateRequest decode(ByteReader r) throws WireException {
    Body.start(r, 36, "NEGOTIATE");
    int count = r.u16();
    int securityMode = r.u16();
    r.skip(2);
    int capabilities = r.i32();
    byte[] guid = r.bytes(16);
    long ctxOffset = r.u32();
    int ctxCount = r.u16();
    r.skip(2);
    if (count == 0 || count > MAX_ITEMS) {
      throw new WireException("NEGOTIATE DialectCount " + count);
    }
    int[] dialects = new int[count];
    for (int i = 0; i < count; i++) {
      dialects[i] = r.u16();
    }
    List<NegotiateContext> contexts = new ArrayList<>();
    boolean offers311 = false;
    for (int d : dialects) {
      offers311 |= d == 0x0311;
    }
    if (offers311 && ctxCount > 0) {
      if (ctxCount > MAX_ITEMS) {
        throw new WireException("NEGOTIATE NegotiateContextCount " + ctxCount);
      }
      long at = ctxOffset;
      for (int i = 0; i < ctxCount; i++) {
        at = (at + 7) & ~7L; // each context starts 8-byte aligned
        ByteReader c = r.sub(at, 8);
        int type = c.u16();
        int len = c.u16();
        contexts.add(new NegotiateContext(type, r.slice(at + 8, len)));
        at += 8 + len;
      }
    }
    return new Smb2NegotiateRequest(
        securityMode, capabilities, guid, dialects, List.copyOf(contexts));
  }
}
