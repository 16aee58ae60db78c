package org.ferryfs.mapping.mvstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.ferryfs.mapping.ExportMapping;
import org.ferryfs.mapping.ExportState;
import org.ferryfs.mapping.mvstore.MappingRecordCodec.RecordFormatException;
import org.junit.jupiter.api.Test;

/** Byte-level tests of the on-disk record: the format is a promise to every existing state file. */
class MappingRecordCodecTest {

  private static final ExportMapping ALPHA =
      new ExportMapping(
          "alpha",
          7,
          "nas1",
          "/exports/alpha",
          List.of("10.0.0.0/8", "host1"),
          true,
          ExportState.MOVING,
          3);

  /** {@link #ALPHA} in record format 1. Never change this: files on disk hold these bytes. */
  private static final byte[] ALPHA_FORMAT_1 =
      HexFormat.of()
          .parseHex(
              String.join(
                  "",
                  "01", // record format
                  "0005",
                  "616c706861", // name "alpha"
                  "00000007", // exportIndex
                  "0000000000000003", // version
                  "0004",
                  "6e617331", // backend "nas1"
                  "000e",
                  "2f6578706f7274732f616c706861", // path "/exports/alpha"
                  "0002", // two client rules
                  "000a",
                  "31302e302e302e302f38", // "10.0.0.0/8"
                  "0005",
                  "686f737431", // "host1"
                  "01", // flags: readOnly
                  "0006",
                  "4d4f56494e47")); // state "MOVING"

  @Test
  void encodesFormat1ExactlyAsDocumented() {
    assertThat(MappingRecordCodec.encode(ALPHA)).isEqualTo(ALPHA_FORMAT_1);
  }

  @Test
  void decodesFormat1Bytes() throws Exception {
    assertThat(MappingRecordCodec.decode(ALPHA_FORMAT_1)).isEqualTo(ALPHA);
  }

  @Test
  void roundTripsEveryStateAndUnicode() throws Exception {
    for (ExportState state : ExportState.values()) {
      ExportMapping m =
          new ExportMapping(
              "x", 1, "bäckend", "/pfad/ünïcødé/日本", List.of(), false, state, Long.MAX_VALUE);
      assertThat(MappingRecordCodec.decode(MappingRecordCodec.encode(m))).isEqualTo(m);
    }
  }

  @Test
  void everyTruncationIsReportedNotMisread() {
    for (int length = 0; length < ALPHA_FORMAT_1.length; length++) {
      byte[] cut = Arrays.copyOf(ALPHA_FORMAT_1, length);
      assertThatThrownBy(() -> MappingRecordCodec.decode(cut))
          .as("record cut to %d bytes", length)
          .isInstanceOf(RecordFormatException.class)
          .hasMessageFindingMatch("empty|truncated");
    }
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] longer = Arrays.copyOf(ALPHA_FORMAT_1, ALPHA_FORMAT_1.length + 1);

    assertThatThrownBy(() -> MappingRecordCodec.decode(longer))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("1 unexpected bytes");
  }

  @Test
  void aNewerRecordFormatIsRefusedNotHalfRead() {
    byte[] newer = ALPHA_FORMAT_1.clone();
    newer[0] = 2;

    assertThatThrownBy(() -> MappingRecordCodec.decode(newer))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("record format 2 is newer");
  }

  @Test
  void formatZeroDoesNotExist() {
    byte[] zero = ALPHA_FORMAT_1.clone();
    zero[0] = 0;

    assertThatThrownBy(() -> MappingRecordCodec.decode(zero))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("record format 0 does not exist");
  }

  @Test
  void anUnknownStateIsRefusedByName() {
    byte[] paused = ALPHA_FORMAT_1.clone();
    byte[] name = "PAUSED".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, paused, paused.length - name.length, name.length);

    assertThatThrownBy(() -> MappingRecordCodec.decode(paused))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("unknown export state 'PAUSED'");
  }

  @Test
  void unknownFlagBitsAreRefused() {
    byte[] flags = ALPHA_FORMAT_1.clone();
    flags[flags.length - 9] = 0x03;

    assertThatThrownBy(() -> MappingRecordCodec.decode(flags))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("unknown flag bits 0x3");
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] bad = ALPHA_FORMAT_1.clone();
    bad[3] = (byte) 0xC3; // a lead byte followed by ASCII: malformed
    assertThatThrownBy(() -> MappingRecordCodec.decode(bad))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("name is not valid UTF-8");
  }

  @Test
  void hugeLengthsAreCheckedBeforeAllocating() {
    byte[] hugeClients = ALPHA_FORMAT_1.clone();
    int clientCountAt = 1 + 2 + 5 + 4 + 8 + 2 + 4 + 2 + 14;
    hugeClients[clientCountAt] = (byte) 0xFF;
    hugeClients[clientCountAt + 1] = (byte) 0xFF;

    assertThatThrownBy(() -> MappingRecordCodec.decode(hugeClients))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("65535 client rules");
  }

  @Test
  void valuesTheRecordTypeRejectsAreRefused() {
    byte[] zeroIndex = ALPHA_FORMAT_1.clone();
    Arrays.fill(zeroIndex, 8, 12, (byte) 0);
    assertThatThrownBy(() -> MappingRecordCodec.decode(zeroIndex))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("export index 0");

    byte[] badName = ALPHA_FORMAT_1.clone();
    badName[3] = '/';
    assertThatThrownBy(() -> MappingRecordCodec.decode(badName))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("is not valid");
  }

  @Test
  void tooLongFieldsAreRefusedOnEncode() {
    ExportMapping longPath =
        new ExportMapping(
            "x", 1, "b", "/" + "p".repeat(70_000), List.of(), false, ExportState.ACTIVE, 1);

    assertThatThrownBy(() -> MappingRecordCodec.encode(longPath))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("path is 70001 bytes");
  }
}
