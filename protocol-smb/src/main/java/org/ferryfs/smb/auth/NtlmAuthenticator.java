package org.ferryfs.smb.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import org.ferryfs.smb.SmbUser;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.WireException;

/**
 * The acceptor side of one NTLM exchange ([MS-NLMP] 3.2.5 server, connection-oriented): NEGOTIATE
 * in, CHALLENGE out, AUTHENTICATE in, then the user and the exported session key. NTLMv2 only
 * (3.3.2); an NTLMv1 or LM response is refused like a wrong password.
 *
 * <p>Design note. Verification recomputes NTProofStr from the account's NT hash and the domain the
 * client named, compares in constant time, checks the MIC over all three messages when the client's
 * MsvAvFlags says there is one, and keeps the NTLM signing state that SPNEGO's mechListMIC needs
 * (3.4.4.2 with extended session security, RC4-sealed checksum under key exchange).
 */
public final class NtlmAuthenticator {
  private static final String CLIENT_SIGN =
      "session key to client-to-server signing key magic constant\0";
  private static final String SERVER_SIGN =
      "session key to server-to-client signing key magic constant\0";
  private static final String CLIENT_SEAL =
      "session key to client-to-server sealing key magic constant\0";
  private static final String SERVER_SEAL =
      "session key to server-to-client sealing key magic constant\0";

  private final Map<String, SmbUser> users;
  private final String netbiosName;
  private final String domain;
  private final SecureRandom random;
  private byte[] negotiate;
  private byte[] challenge;
  private byte[] serverChallenge;
  private int flags;

  /** Why an AUTHENTICATE_MESSAGE was refused (for the log; the client only sees LOGON_FAILURE). */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * The result of a successful exchange.
   *
   * @param user the account
   * @param sessionKey the exported session key (16 bytes)
   * @param flags the negotiated flags
   */
  public record Accepted(SmbUser user, byte[] sessionKey, int flags) {
    /** True when the NTLM mechanism can produce and check a mechListMIC. */
    boolean canSign() {
      return (flags & (NEGOTIATE_SIGN_OR_ALWAYS)) != 0;
    }
  }

  private static final int NEGOTIATE_SIGN_OR_ALWAYS =
      Ntlm.NEGOTIATE_SIGN | Ntlm.NEGOTIATE_ALWAYS_SIGN;

  /**
   * @param users accounts by {@link SmbUser#key()}
   * @param netbiosName the server's name in the target info
   * @param domain the server's domain (workgroup) in the target info
   */
  public NtlmAuthenticator(
      Map<String, SmbUser> users, String netbiosName, String domain, SecureRandom random) {
    this.users = users;
    this.netbiosName = netbiosName;
    this.domain = domain;
    this.random = random;
  }

  /** Answers a NEGOTIATE_MESSAGE with a CHALLENGE_MESSAGE. */
  public byte[] challenge(byte[] negotiateMessage, long filetimeNow) throws WireException {
    int client = Ntlm.negotiateFlags(negotiateMessage);
    if ((client & Ntlm.NEGOTIATE_UNICODE) == 0) {
      throw new WireException("NTLMSSP client without Unicode");
    }
    int f =
        Ntlm.NEGOTIATE_UNICODE
            | Ntlm.REQUEST_TARGET
            | Ntlm.NEGOTIATE_NTLM
            | Ntlm.NEGOTIATE_ALWAYS_SIGN
            | Ntlm.TARGET_TYPE_SERVER
            | Ntlm.NEGOTIATE_EXTENDED_SESSIONSECURITY
            | Ntlm.NEGOTIATE_TARGET_INFO
            | Ntlm.NEGOTIATE_VERSION;
    f |=
        client
            & (Ntlm.NEGOTIATE_SIGN
                | Ntlm.NEGOTIATE_SEAL
                | Ntlm.NEGOTIATE_128
                | Ntlm.NEGOTIATE_56
                | Ntlm.NEGOTIATE_KEY_EXCH);
    flags = f;
    serverChallenge = new byte[8];
    random.nextBytes(serverChallenge);
    negotiate = negotiateMessage.clone();
    challenge =
        Ntlm.challenge(
            f, serverChallenge, domain, Ntlm.targetInfo(netbiosName, domain, filetimeNow));
    return challenge.clone();
  }

  /** Checks an AUTHENTICATE_MESSAGE. */
  public Accepted authenticate(byte[] authenticateMessage) throws WireException, Refused {
    if (challenge == null) {
      throw new WireException("AUTHENTICATE before CHALLENGE");
    }
    Ntlm.Authenticate a = Ntlm.Authenticate.decode(authenticateMessage);
    if (a.user().isEmpty()) {
      throw new Refused("anonymous logon (guest access is not enabled)");
    }
    if (a.ntResponse().length <= 24) {
      throw new Refused("user " + a.user() + " offered no NTLMv2 response (NTLMv1/LM refused)");
    }
    SmbUser user = users.get(a.user().toLowerCase(java.util.Locale.ROOT));
    if (user == null) {
      throw new Refused("no such user " + a.user());
    }
    byte[] nt = a.ntResponse();
    byte[] proof = java.util.Arrays.copyOfRange(nt, 0, 16);
    byte[] temp = java.util.Arrays.copyOfRange(nt, 16, nt.length);
    byte[] key = Ntlm.ntowfV2(user.ntHash(), a.user(), a.domain());
    byte[] expected = Crypto.hmacMd5(key, serverChallenge, temp);
    if (!Crypto.same(proof, expected)) {
      throw new Refused("wrong password for user " + a.user());
    }
    byte[] sessionBaseKey = Crypto.hmacMd5(key, proof);
    byte[] exported = sessionBaseKey; // KeyExchangeKey = SessionBaseKey for NTLMv2
    if ((flags & Ntlm.NEGOTIATE_KEY_EXCH) != 0 && (a.flags() & Ntlm.NEGOTIATE_KEY_EXCH) != 0) {
      if (a.encryptedRandomSessionKey().length != 16) {
        throw new WireException("EncryptedRandomSessionKey must be 16 bytes");
      }
      exported = Crypto.rc4(sessionBaseKey, a.encryptedRandomSessionKey());
    }
    if (a.mic() != null) {
      byte[] zeroed = a.raw().clone();
      java.util.Arrays.fill(
          zeroed, Ntlm.Authenticate.MIC_OFFSET, Ntlm.Authenticate.MIC_OFFSET + 16, (byte) 0);
      byte[] mic = Crypto.hmacMd5(exported, negotiate, challenge, zeroed);
      if (!Crypto.same(mic, a.mic())) {
        throw new Refused("MIC of user " + a.user() + " does not verify");
      }
    }
    return new Accepted(user, exported, flags & a.flags() | (flags & Ntlm.NEGOTIATE_ALWAYS_SIGN));
  }

  /**
   * Checks the client's SPNEGO mechListMIC over {@code mechTypes} ([MS-SPNG] 3.1.5.1) with the
   * client-to-server signing key and sequence number 0.
   */
  public static boolean verifyMechListMic(Accepted a, byte[] mechTypes, byte[] mic) {
    return Crypto.same(sign(a, mechTypes, CLIENT_SIGN, CLIENT_SEAL), mic);
  }

  /** The server's mechListMIC over {@code mechTypes}: server-to-client keys, sequence number 0. */
  public static byte[] mechListMic(Accepted a, byte[] mechTypes) {
    return sign(a, mechTypes, SERVER_SIGN, SERVER_SEAL);
  }

  /** [MS-NLMP] 3.4.4.2 MAC with extended session security, sequence number 0, fresh handle. */
  private static byte[] sign(Accepted a, byte[] message, String signMagic, String sealMagic) {
    byte[] signKey = Crypto.md5(a.sessionKey(), signMagic.getBytes(StandardCharsets.US_ASCII));
    byte[] seq = {0, 0, 0, 0};
    byte[] checksum = java.util.Arrays.copyOf(Crypto.hmacMd5(signKey, seq, message), 8);
    if ((a.flags() & Ntlm.NEGOTIATE_KEY_EXCH) != 0) {
      byte[] sealKey = a.sessionKey();
      if ((a.flags() & Ntlm.NEGOTIATE_128) == 0) {
        sealKey =
            java.util.Arrays.copyOf(a.sessionKey(), (a.flags() & Ntlm.NEGOTIATE_56) != 0 ? 7 : 5);
      }
      sealKey = Crypto.md5(sealKey, sealMagic.getBytes(StandardCharsets.US_ASCII));
      checksum = Crypto.rc4(sealKey, checksum);
    }
    return new ByteWriter(16).i32(1).bytes(checksum).bytes(seq).toByteArray();
  }
}
