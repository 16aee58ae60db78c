package org.ferryfs.smb.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.Smb2TransformHeader;
import org.ferryfs.smb.wire.WireException;
import org.junit.jupiter.api.Test;

/**
 * SMB 3.x encryption: the AEAD primitives against their RFC/NIST vectors, and the key derivation
 * plus TRANSFORM_HEADER layout against messages built by an independent implementation (Python's
 * {@code hmac} and {@code cryptography} AESCCM/AESGCM, following [MS-SMB2] 3.1.4.3 and 3.3.5.5.3).
 */
class Smb2EncryptionTest {
  static final HexFormat HEX = HexFormat.of();

  static byte[] hex(String s) {
    return HEX.parseHex(s.replace(" ", ""));
  }

  /** RFC 3610 §8 Packet Vector #1 (M = 8, L = 2). */
  @Test
  void aesCcmMatchesRfc3610PacketVector1() {
    byte[] key = hex("C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF");
    byte[] nonce = hex("00000003020100A0A1A2A3A4A5");
    byte[] aad = hex("0001020304050607");
    byte[] plain = hex("08090A0B0C0D0E0F101112131415161718191A1B1C1D1E");
    byte[] expected = hex("588C979A61C663D2F066D0C2C0F989806D5F6B61DAC38417E8D12CFDF926E0");
    byte[] sealed = Crypto.aesCcm(true, key, nonce, 8, aad, plain, 0, plain.length);
    assertThat(sealed).isEqualTo(expected);
    assertThat(Crypto.aesCcm(false, key, nonce, 8, aad, sealed, 0, sealed.length)).isEqualTo(plain);
    sealed[3] ^= 1;
    assertThat(Crypto.aesCcm(false, key, nonce, 8, aad, sealed, 0, sealed.length)).isNull();
  }

  /** The GCM specification's (McGrew and Viega, used by NIST SP800-38D tests) Test Case 4. */
  @Test
  void aesGcmMatchesTestCase4() {
    byte[] key = hex("feffe9928665731c6d6a8f9467308308");
    byte[] iv = hex("cafebabefacedbaddecaf888");
    byte[] plain =
        hex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    byte[] aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] expected =
        hex(
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                + "5bc94fbc3221a5db94fae95ae7121a47");
    byte[] sealed = Crypto.aesGcm(true, key, iv, aad, plain, 0, plain.length);
    assertThat(sealed).isEqualTo(expected);
    assertThat(Crypto.aesGcm(false, key, iv, aad, sealed, 0, sealed.length)).isEqualTo(plain);
    sealed[sealed.length - 1] ^= 1;
    assertThat(Crypto.aesGcm(false, key, iv, aad, sealed, 0, sealed.length)).isNull();
    assertThat(Crypto.aesGcm(false, key, iv, aad, new byte[5], 0, 5)).isNull();
  }

  static final byte[] SESSION_KEY = hex("101112131415161718191a1b1c1d1e1f");
  static final byte[] PREAUTH =
      hex(
          "1d6fddf2a1d22fe221fd6fcf32ae49ea75a1560a1fd02dd29ceb3e9016a98d3feda3319e4b52f91ed7569754b9539d1196a7a21a9c0f9263cc6fd23393a78984");
  static final byte[] MESSAGE =
      hex(
          "fe534d4240000100000000000000010000000000000000000700000000000000000000000000000078563412000000000000000000000000000000000000000004000000");

  /** Client-to-server messages encrypted by the independent implementation with the 'in' key. */
  static final String CCM_300 =
      "fd534d42a0ecc7751cea6c5e06fc654552d564d1a0a1a2a3a4a5a6a7a8a9aa0000000000440000000000010078563412000000003a098b9a47caeb7c15fb96271fefb13e9b05e64054482aac16850c44254bbfba29fc61d49994b67d5140f791fbe786f05f7a1378d8356ed6dcb816a1bc06754e8a25eccb";

  static final String GCM_311 =
      "fd534d42edd878838690b43f4be19dccd8590cf5a0a1a2a3a4a5a6a7a8a9aaab00000000440000000000010078563412000000002f1cfc63cecb5181f8a4ae4efda5935c2022a6201014f77ed5e9f81ee17d5ac700cb1711904ec6cd6bc07c742ddfc51d37c2193fa1aa4e418cc3df52552b65d3269957c1";

  static final String CCM_311 =
      "fd534d42a5d6a7793fff176ef0252562ca75b488a0a1a2a3a4a5a6a7a8a9aa00000000004400000000000100785634120000000035198c0487ec32aca672305402e854704ac80154911c672977403fedf5b3b66ba5b9c41b025648fd4b4e79aa144fd086ddb965e598f5d4c6f977fdc267c85f1a158bdd47";

  /** ServerOut / SMBS2CCipherKey as the independent implementation derived them. */
  static final byte[] OUT_300 = hex("fa192f82747e0174f720cdaea0e2f537");

  static final byte[] OUT_311 = hex("79d9cdd0e68be729f4a99362b27a4741");

  @Test
  void decryptsWhatAnIndependentClientEncrypted() throws Exception {
    SecureRandom rnd = new SecureRandom();
    assertThat(
            Smb2Encryption.forSession(SESSION_KEY, 0x0300, null, Smb2Cipher.AES_128_CCM, rnd)
                .decrypt(hex(CCM_300)))
        .isEqualTo(MESSAGE);
    assertThat(
            Smb2Encryption.forSession(SESSION_KEY, 0x0302, null, Smb2Cipher.AES_128_CCM, rnd)
                .decrypt(hex(CCM_300)))
        .isEqualTo(MESSAGE);
    assertThat(
            Smb2Encryption.forSession(SESSION_KEY, 0x0311, PREAUTH, Smb2Cipher.AES_128_GCM, rnd)
                .decrypt(hex(GCM_311)))
        .isEqualTo(MESSAGE);
    assertThat(
            Smb2Encryption.forSession(SESSION_KEY, 0x0311, PREAUTH, Smb2Cipher.AES_128_CCM, rnd)
                .decrypt(hex(CCM_311)))
        .isEqualTo(MESSAGE);
  }

  @Test
  void encryptsWithTheServerOutKeyAndFreshNonces() throws Exception {
    SecureRandom rnd = new SecureRandom();
    for (Smb2Cipher cipher : Smb2Cipher.values()) {
      for (int dialect : new int[] {0x0300, 0x0311}) {
        if (dialect == 0x0300 && cipher != Smb2Cipher.AES_128_CCM) {
          continue;
        }
        Smb2Encryption server =
            Smb2Encryption.forSession(SESSION_KEY, dialect, PREAUTH, cipher, rnd);
        byte[] out = dialect == 0x0311 ? OUT_311 : OUT_300;
        // What a client holding the independently derived ServerOut key decrypts with.
        Smb2Encryption client = new Smb2Encryption(cipher, new byte[16], out, new byte[0]);
        byte[] a = server.encrypt(MESSAGE, 0x12345678L);
        byte[] b = server.encrypt(MESSAGE, 0x12345678L);
        Smb2TransformHeader ha = Smb2TransformHeader.decode(new ByteReader(a));
        Smb2TransformHeader hb = Smb2TransformHeader.decode(new ByteReader(b));
        assertThat(ha.sessionId()).isEqualTo(0x12345678L);
        assertThat(ha.originalMessageSize()).isEqualTo(MESSAGE.length);
        assertThat(ha.nonce()).isNotEqualTo(hb.nonce());
        for (int i = cipher.nonceLength; i < 16; i++) {
          assertThat(ha.nonce()[i]).as("unused nonce byte %d", i).isZero();
        }
        assertThat(client.decrypt(a)).as("%s 0x%x", cipher, dialect).isEqualTo(MESSAGE);
        assertThat(client.decrypt(b)).isEqualTo(MESSAGE);
        assertThat(server.clientView().decrypt(a)).isEqualTo(MESSAGE);
      }
    }
  }

  @Test
  void tamperingAnyByteFailsDecryption() throws Exception {
    Smb2Encryption server =
        Smb2Encryption.forSession(
            SESSION_KEY, 0x0311, PREAUTH, Smb2Cipher.AES_128_GCM, new SecureRandom());
    byte[] good = hex(GCM_311);
    for (int i = 4; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x20;
      byte[] plain;
      try {
        plain = server.decrypt(bad);
      } catch (WireException e) {
        continue; // a header field that no longer checks out (size, flags)
      }
      assertThat(plain).as("byte %d flipped", i).isNull();
    }
  }

  @Test
  void mutatedTransformHeadersAreRejectedNotThrown() {
    Smb2Encryption server =
        Smb2Encryption.forSession(
            SESSION_KEY, 0x0300, null, Smb2Cipher.AES_128_CCM, new SecureRandom());
    Random rnd = new Random(11);
    byte[] good = hex(CCM_300);
    int iterations = Integer.getInteger("ferry.fuzz.iterations", 20000);
    for (int n = 0; n < iterations; n++) {
      byte[] m = good.clone();
      for (int f = 1 + rnd.nextInt(6); f > 0; f--) {
        m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
      }
      if (rnd.nextInt(6) == 0) {
        m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length + 40));
      }
      try {
        byte[] plain = server.decrypt(m);
        assertThat(plain == null || java.util.Arrays.equals(plain, MESSAGE)).isTrue();
      } catch (WireException e) {
        // rejected at decode: fine
      }
    }
  }

  @Test
  void headerChecksSizeAndFlags() {
    byte[] m = hex(CCM_300);
    byte[] shortened = java.util.Arrays.copyOf(m, m.length - 1);
    assertThatThrownBy(() -> Smb2TransformHeader.decode(new ByteReader(shortened)))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("OriginalMessageSize");
    byte[] flags = m.clone();
    flags[42] = 2;
    assertThatThrownBy(() -> Smb2TransformHeader.decode(new ByteReader(flags)))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("Flags");
    assertThatThrownBy(() -> Smb2TransformHeader.decode(new ByteReader(new byte[10])))
        .isInstanceOf(WireException.class);
  }
}
