package org.ferryfs.smb.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * {@link Crypto#aesCmac} (JDK AES/CBC based): the four RFC 4493 4 examples, and agreement with
 * BouncyCastle's independent CMac over every length around the block and chunk boundaries, at
 * offsets, up to a 1 MiB + 5 message.
 */
class AesCmacTest {
  static final HexFormat HEX = HexFormat.of();
  static final byte[] KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
  static final byte[] M =
      HEX.parseHex(
          "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
              + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");

  static byte[] bouncyCastle(byte[] key, byte[] data, int off, int len) {
    CMac mac = new CMac(AESEngine.newInstance());
    mac.init(new KeyParameter(key));
    mac.update(data, off, len);
    byte[] out = new byte[16];
    mac.doFinal(out, 0);
    return out;
  }

  @Test
  void rfc4493Examples() {
    assertThat(HEX.formatHex(Crypto.aesCmac(KEY, M, 0, 0)))
        .isEqualTo("bb1d6929e95937287fa37d129b756746");
    assertThat(HEX.formatHex(Crypto.aesCmac(KEY, M, 0, 16)))
        .isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
    assertThat(HEX.formatHex(Crypto.aesCmac(KEY, M, 0, 40)))
        .isEqualTo("dfa66747de9ae63030ca32611497c827");
    assertThat(HEX.formatHex(Crypto.aesCmac(KEY, M, 0, 64)))
        .isEqualTo("51f0bebf7e3b9d92fc49741779363cfe");
  }

  @Test
  void agreesWithBouncyCastleAtEveryBoundary() {
    Random random = new Random(4493);
    byte[] key = new byte[16];
    byte[] data = new byte[(1 << 20) + 64];
    random.nextBytes(data);
    int[] sizes = {
      65536 - 17,
      65536 - 16,
      65536,
      65536 + 1,
      65536 + 16,
      65536 + 17,
      1 << 20,
      (1 << 20) + 5,
      131072 + 48
    };
    for (int len = 0; len <= 100; len++) {
      random.nextBytes(key);
      assertThat(Crypto.aesCmac(key, data, 3, len))
          .as("len %d", len)
          .isEqualTo(bouncyCastle(key, data, 3, len));
    }
    for (int len : sizes) {
      random.nextBytes(key);
      assertThat(Crypto.aesCmac(key, data, 7, len))
          .as("len %d", len)
          .isEqualTo(bouncyCastle(key, data, 7, len));
    }
  }
}
