package org.ferryfs.nfs.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;
import org.junit.jupiter.api.Test;

class HandleCodecTest {

  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private final HandleCodec codec = new HandleCodec(SECRET);

  @Test
  void roundTripsAndFitsInAnNfs3Handle() throws BackendException {
    FileRef ref = new FileRef(7, 0x0123_4567_89AB_CDEFL, 3);
    byte[] handle = codec.encode(ref);
    assertThat(handle).hasSize(HandleCodec.LENGTH);
    assertThat(HandleCodec.LENGTH).isLessThanOrEqualTo(Nfs3Limits.NFS3_FHSIZE);
    assertThat(codec.decode(handle)).isEqualTo(ref);
    FileRef extreme = new FileRef(-1, Long.MIN_VALUE, Integer.MAX_VALUE);
    assertThat(codec.decode(codec.encode(extreme))).isEqualTo(extreme);
  }

  @Test
  void layoutIsVersionExportObjectGenerationTag() {
    byte[] handle = codec.encode(new FileRef(0x01020304, 0x1112131415161718L, 0x21222324));
    assertThat(Arrays.copyOfRange(handle, 0, 17))
        .containsExactly(
            1, 1, 2, 3, 4, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x21, 0x22, 0x23, 0x24);
  }

  @Test
  void flippingTheExportIndexIsRefused() {
    byte[] handle = codec.encode(new FileRef(1, 42, 1));
    handle[4] = 2; // export index 1 → 2: the tag no longer matches
    assertBadHandle(handle);
  }

  @Test
  void everySingleBitFlipIsRefused() {
    byte[] good = codec.encode(new FileRef(5, 99, 1));
    for (int i = 0; i < good.length * 8; i++) {
      byte[] bad = good.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      assertBadHandle(bad);
    }
  }

  @Test
  void rememberedHandlesStayExactAndCopies() throws BackendException {
    // Many references, so the caches are filled, overwritten and hit.
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 5000; i++) {
        FileRef ref = new FileRef(i % 7, i * 31L, i % 3);
        byte[] handle = codec.encode(ref);
        assertThat(codec.decode(handle)).isEqualTo(ref);
        assertThat(new HandleCodec(SECRET).decode(handle)).isEqualTo(ref);
        handle[20] ^= 1; // the caller owns the returned array: changing it changes nothing cached
        assertBadHandle(handle);
        assertThat(codec.decode(codec.encode(ref))).isEqualTo(ref);
      }
    }
    // A handle decoded before, then altered, is refused (every bit).
    byte[] good = codec.encode(new FileRef(5, 99, 1));
    assertThat(codec.decode(good)).isEqualTo(new FileRef(5, 99, 1));
    for (int i = 0; i < good.length * 8; i++) {
      byte[] bad = good.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      assertBadHandle(bad);
    }
  }

  @Test
  void wrongLengthVersionOrSecretIsRefused() {
    byte[] good = codec.encode(new FileRef(5, 99, 1));
    assertBadHandle(new byte[0]);
    assertBadHandle(Arrays.copyOf(good, good.length - 1));
    assertBadHandle(Arrays.copyOf(good, good.length + 1));
    assertBadHandle(new byte[64]);
    byte[] other = good.clone();
    other[0] = 2;
    assertBadHandle(other);
    HandleCodec otherSecret = new HandleCodec("another secret of at least 32 bytes!".getBytes());
    assertThatThrownBy(() -> otherSecret.decode(good)).isInstanceOf(BackendException.class);
  }

  @Test
  void shortSecretsAreRefused() {
    assertThatThrownBy(() -> new HandleCodec(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
  }

  private void assertBadHandle(byte[] handle) {
    assertThatThrownBy(() -> codec.decode(handle))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.status()).isEqualTo(BackendStatus.BAD_HANDLE));
  }
}
