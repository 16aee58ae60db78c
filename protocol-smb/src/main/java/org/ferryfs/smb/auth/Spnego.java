package org.ferryfs.smb.auth;

import java.util.Arrays;
import org.ferryfs.smb.wire.WireException;

/**
 * SPNEGO tokens ([RFC 4178] 4.2, with the [MS-SPNG] profile) carrying NTLMSSP as the only
 * mechanism.
 *
 * <pre>
 * InitialContextToken ::= [APPLICATION 0] { thisMech OID 1.3.6.1.5.5.2, NegotiationToken }
 * NegotiationToken ::= CHOICE { negTokenInit [0] NegTokenInit, negTokenResp [1] NegTokenResp }
 * NegTokenInit ::= SEQUENCE { mechTypes [0] MechTypeList, reqFlags [1], mechToken [2] OCTET STRING,
 *                             mechListMIC [3] OCTET STRING }
 * NegTokenResp ::= SEQUENCE { negState [0] ENUMERATED, supportedMech [1] OID,
 *                             responseToken [2] OCTET STRING, mechListMIC [3] OCTET STRING }
 * </pre>
 */
public final class Spnego {
  /** DER of OID 1.3.6.1.5.5.2 (SPNEGO). */
  static final byte[] SPNEGO_OID = {0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};

  /** DER of OID 1.3.6.1.4.1.311.2.2.10 (NTLMSSP). */
  static final byte[] NTLMSSP_OID = {
    0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x0a
  };

  public static final int ACCEPT_COMPLETED = 0;
  public static final int ACCEPT_INCOMPLETE = 1;
  public static final int REJECT = 2;

  private Spnego() {}

  /**
   * What a client sent in a SESSION_SETUP security buffer.
   *
   * @param mechToken the NTLMSSP message, or {@code null}
   * @param mechTypes the DER of the client's MechTypeList (for mechListMIC), or {@code null}
   * @param mechListMic the client's mechListMIC, or {@code null}
   * @param offersNtlm the client's mechanism list names NTLMSSP (always true for raw NTLMSSP)
   */
  public record ClientToken(
      byte[] mechToken, byte[] mechTypes, byte[] mechListMic, boolean offersNtlm) {}

  /** The negTokenInit the server puts in its NEGOTIATE response ([MS-SPNG] 3.2.5.2). */
  public static byte[] negTokenInit() {
    byte[] mechTypes = Der.tlv(0xa0, Der.tlv(0x30, NTLMSSP_OID));
    byte[] init = Der.tlv(0xa0, Der.tlv(0x30, mechTypes));
    return Der.tlv(0x60, SPNEGO_OID, init);
  }

  /** A negTokenResp. Null parts are left out. */
  public static byte[] negTokenResp(
      int negState, boolean withMech, byte[] responseToken, byte[] mechListMic) {
    byte[] state = Der.tlv(0xa0, Der.tlv(0x0a, new byte[] {(byte) negState}));
    byte[] mech = withMech ? Der.tlv(0xa1, NTLMSSP_OID) : new byte[0];
    byte[] token =
        responseToken == null ? new byte[0] : Der.tlv(0xa2, Der.tlv(0x04, responseToken));
    byte[] mic = mechListMic == null ? new byte[0] : Der.tlv(0xa3, Der.tlv(0x04, mechListMic));
    return Der.tlv(0xa1, Der.tlv(0x30, state, mech, token, mic));
  }

  /** Parses a client's token: a GSS InitialContextToken, a bare negTokenResp, or raw NTLMSSP. */
  public static ClientToken parse(byte[] token) throws WireException {
    if (token.length >= 8 && Ntlm.isNtlmssp(token)) {
      return new ClientToken(token, null, null, true);
    }
    Der.Reader top = new Der.Reader(token);
    Der.Tlv t = top.next();
    if (t.tag() == 0x60) {
      Der.Reader in = t.children();
      Der.Tlv oid = in.expect(0x06);
      if (!Arrays.equals(oid.encoded(in.lastStart()), SPNEGO_OID)) {
        throw new WireException("GSS token for a mechanism other than SPNEGO");
      }
      Der.Tlv init = in.expect(0xa0);
      return parseInit(init.children().expect(0x30));
    }
    if (t.tag() == 0xa1) {
      return parseResp(t.children().expect(0x30));
    }
    throw new WireException(String.format("SPNEGO token with tag 0x%02X", t.tag()));
  }

  private static ClientToken parseInit(Der.Tlv seq) throws WireException {
    Der.Reader r = seq.children();
    byte[] mechToken = null;
    byte[] mechTypes = null;
    byte[] mic = null;
    boolean ntlm = false;
    while (r.hasMore()) {
      Der.Tlv f = r.next();
      switch (f.tag()) {
        case 0xa0 -> {
          Der.Reader list = f.children();
          Der.Tlv seqOf = list.expect(0x30);
          mechTypes = seqOf.encoded(list.lastStart());
          Der.Reader oids = seqOf.children();
          while (oids.hasMore()) {
            Der.Tlv oid = oids.expect(0x06);
            ntlm |= Arrays.equals(oid.encoded(oids.lastStart()), NTLMSSP_OID);
          }
        }
        case 0xa2 -> mechToken = f.children().expect(0x04).value();
        case 0xa3 -> mic = f.children().expect(0x04).value();
        default -> {
          // reqFlags [1] and anything else: not used
        }
      }
    }
    return new ClientToken(mechToken, mechTypes, mic, ntlm);
  }

  private static ClientToken parseResp(Der.Tlv seq) throws WireException {
    Der.Reader r = seq.children();
    byte[] token = null;
    byte[] mic = null;
    while (r.hasMore()) {
      Der.Tlv f = r.next();
      if (f.tag() == 0xa2) {
        token = f.children().expect(0x04).value();
      } else if (f.tag() == 0xa3) {
        mic = f.children().expect(0x04).value();
      }
    }
    return new ClientToken(token, null, mic, true);
  }
}
