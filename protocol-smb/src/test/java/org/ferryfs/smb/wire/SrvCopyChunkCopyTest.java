package org.ferryfs.smb.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** [MS-SMB2] 2.2.31.1 SRV_COPYCHUNK_COPY decoding, bounds, and a seeded mutation run. */
public class SrvCopyChunkCopyTest {
  public static byte[] copy(byte[] key, long count, long[]... chunks) {
    ByteWriter w = new ByteWriter().bytes(key).i32((int) count).i32(0);
    for (long[] c : chunks) {
      w.i64(c[0]).i64(c[1]).i32((int) c[2]).i32(0);
    }
    return w.toByteArray();
  }

  @Test
  void decodesKeyAndChunks() throws Exception {
    byte[] key = new byte[24];
    key[0] = 7;
    SrvCopyChunkCopy c =
        SrvCopyChunkCopy.decode(copy(key, 2, new long[] {0, 4096, 4096}, new long[] {8, 0, -1}));
    assertThat(c.sourceKey()).isEqualTo(key);
    assertThat(c.chunks())
        .containsExactly(
            new SrvCopyChunkCopy.Chunk(0, 4096, 4096),
            new SrvCopyChunkCopy.Chunk(8, 0, 0xFFFFFFFFL));
  }

  @Test
  void aChunkCountTheInputDoesNotHoldIsMalformedBeforeAnythingIsAllocated() {
    assertThatThrownBy(() -> SrvCopyChunkCopy.decode(copy(new byte[24], 0xFFFFFFFFL)))
        .isInstanceOf(WireException.class);
    assertThatThrownBy(() -> SrvCopyChunkCopy.decode(copy(new byte[24], 2, new long[] {0, 0, 1})))
        .isInstanceOf(WireException.class);
    assertThatThrownBy(() -> SrvCopyChunkCopy.decode(new byte[31]))
        .isInstanceOf(WireException.class);
  }

  @Test
  void theResponseIsTwelveBytes() {
    assertThat(SrvCopyChunkCopy.response(256, 1048576, 16777216)).hasSize(12);
  }

  @Test
  void mutatedInputsDecodeOrFailCleanly() {
    int iterations = Integer.getInteger("ferry.fuzz.iterations", 20000);
    Random rnd = new Random(11);
    byte[] seed = copy(new byte[24], 2, new long[] {0, 0, 4096}, new long[] {4096, 4096, 10});
    for (int i = 0; i < iterations; i++) {
      byte[] m = seed.clone();
      for (int f = 1 + rnd.nextInt(8); f > 0; f--) {
        m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
      }
      if (rnd.nextInt(6) == 0) {
        m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length + 64));
      }
      try {
        SrvCopyChunkCopy c = SrvCopyChunkCopy.decode(m);
        assertThat(c.chunks().size() * 24L + 32).isLessThanOrEqualTo(m.length);
      } catch (WireException expected) {
        // malformed: the IOCTL answers STATUS_INVALID_PARAMETER
      }
    }
  }
}
