package org.ferryfs.smb.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.ferryfs.smb.SmbUser;
import org.junit.jupiter.api.Test;

class NtlmAuthenticatorTest {
  static final Map<String, SmbUser> USERS =
      Map.of("alice", SmbUser.withPassword("alice", "Secret-1", 1000, 1000));

  static NtlmAuthenticator server() {
    return new NtlmAuthenticator(USERS, "FERRY", "WORKGROUP", new SecureRandom());
  }

  @Test
  void ntowfV2MatchesTheSpecExample() {
    // [MS-NLMP] 4.2.4.1.1: User "User", UserDom "Domain", Passwd "Password"
    assertThat(HexFormat.of().formatHex(Ntlm.ntHash("Password")))
        .isEqualTo("a4f49c406510bdcab6824ee7c30fd852");
    assertThat(HexFormat.of().formatHex(Ntlm.ntowfV2(Ntlm.ntHash("Password"), "User", "Domain")))
        .isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
  }

  @Test
  void theRightPasswordIsAcceptedWithItsMicAndTheSessionKeyIsExported() throws Exception {
    NtlmAuthenticator s = server();
    NtlmTestClient c = new NtlmTestClient("ALICE", "WORKGROUP", "Secret-1");
    byte[] challenge = s.challenge(c.negotiate(), 0);
    NtlmAuthenticator.Accepted a = s.authenticate(c.authenticate(challenge));
    assertThat(a.user().name()).isEqualTo("alice");
    assertThat(a.sessionKey()).isEqualTo(c.sessionKey);
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    NtlmAuthenticator s = server();
    NtlmTestClient c = new NtlmTestClient("alice", "WORKGROUP", "wrong");
    byte[] challenge = s.challenge(c.negotiate(), 0);
    byte[] auth = c.authenticate(challenge);
    assertThatThrownBy(() -> s.authenticate(auth))
        .isInstanceOf(NtlmAuthenticator.Refused.class)
        .hasMessageContaining("wrong password");
  }

  @Test
  void aTamperedMessageFailsTheMic() throws Exception {
    NtlmAuthenticator s = server();
    NtlmTestClient c = new NtlmTestClient("alice", "WORKGROUP", "Secret-1");
    byte[] challenge = s.challenge(c.negotiate(), 0);
    byte[] auth = c.authenticate(challenge);
    auth[auth.length - 20] ^= 1; // a byte of the workstation name, outside the NTLMv2 proof
    assertThatThrownBy(() -> s.authenticate(auth))
        .isInstanceOf(NtlmAuthenticator.Refused.class)
        .hasMessageContaining("MIC");
  }

  @Test
  void unknownUsersAndAnonymousAreRefused() throws Exception {
    NtlmAuthenticator s = server();
    NtlmTestClient c = new NtlmTestClient("mallory", "WORKGROUP", "Secret-1");
    byte[] auth = c.authenticate(s.challenge(c.negotiate(), 0));
    assertThatThrownBy(() -> s.authenticate(auth)).hasMessageContaining("no such user");
  }

  @Test
  void mechListMicsOfBothDirectionsDiffer() throws Exception {
    NtlmAuthenticator s = server();
    NtlmTestClient c = new NtlmTestClient("alice", "WORKGROUP", "Secret-1");
    NtlmAuthenticator.Accepted a = s.authenticate(c.authenticate(s.challenge(c.negotiate(), 0)));
    byte[] mechTypes = {0x30, 0x02, 0x05, 0x00};
    byte[] ours = NtlmAuthenticator.mechListMic(a, mechTypes);
    assertThat(ours).hasSize(16);
    assertThat(NtlmAuthenticator.verifyMechListMic(a, mechTypes, ours)).isFalse();
  }

  @Test
  void spnegoTokensRoundTrip() throws Exception {
    byte[] inner = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0, 3, 0, 0, 0};
    byte[] resp = Spnego.negTokenResp(Spnego.ACCEPT_INCOMPLETE, true, inner, new byte[] {7});
    Spnego.ClientToken t = Spnego.parse(resp);
    assertThat(t.mechToken()).isEqualTo(inner);
    assertThat(t.mechListMic()).containsExactly(7);
    Spnego.ClientToken init = Spnego.parse(Spnego.negTokenInit());
    assertThat(init.offersNtlm()).isTrue();
    assertThat(init.mechTypes()).isNotNull();
  }

  @Test
  void signingDetectsTampering() {
    byte[] msg = new byte[100];
    msg[0] = (byte) 0xFE;
    for (int dialect : new int[] {0x0202, 0x0300, 0x0311}) {
      Smb2Signing s = Smb2Signing.forSession(new byte[16], dialect, new byte[64]);
      byte[] m = msg.clone();
      s.sign(m, 0, m.length);
      assertThat(s.verify(m, 0, m.length)).isTrue();
      m[80] ^= 1;
      assertThat(s.verify(m, 0, m.length)).isFalse();
    }
  }

  @Test
  void aesCmacMatchesRfc4493Example2() {
    byte[] key = HexFormat.of().parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    byte[] m = HexFormat.of().parseHex("6bc1bee22e409f96e93d7e117393172a");
    assertThat(HexFormat.of().formatHex(Crypto.aesCmac(key, m, 0, m.length)))
        .isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
  }
}
