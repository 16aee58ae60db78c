package org.ferryfs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditWindowTest {
  @Test
  void onlyGrantedIdsAreAcceptedAndEachOnce() {
    CreditWindow w = new CreditWindow(8);
    assertThat(w.consume(1, 1)).isFalse();
    assertThat(w.consume(0, 1)).isTrue();
    assertThat(w.consume(0, 1)).isFalse();
    assertThat(w.grant(3)).isEqualTo(3); // ids 1..3
    assertThat(w.consume(3, 1)).isTrue(); // out of order is fine
    assertThat(w.consume(1, 2)).isTrue();
    assertThat(w.consume(4, 1)).isFalse();
  }

  @Test
  void grantsAreBoundedWhateverTheClientAsks() {
    CreditWindow w = new CreditWindow(8);
    w.consume(0, 1);
    assertThat(w.grant(65535)).isEqualTo(8);
    assertThat(w.grant(65535)).isZero();
    assertThat(w.outstanding()).isEqualTo(8);
  }

  @Test
  void multiCreditRequestsTakeConsecutiveIds() {
    CreditWindow w = new CreditWindow(64);
    w.consume(0, 1);
    w.grant(16);
    assertThat(w.consume(1, 16)).isTrue();
    assertThat(w.consume(17, 1)).isFalse();
    assertThat(w.grant(1)).isEqualTo(1);
  }

  @Test
  void aSkippedIdKeepsTheOtherCreditsUsableButTheSpanBounded() {
    // smbtorture smb2.credits.skipped_mid: the client leaves one id unused and spends the rest.
    CreditWindow w = new CreditWindow(8);
    w.consume(0, 1);
    assertThat(w.grant(8)).isEqualTo(8); // ids 1..8
    for (long id = 2; id <= 8; id++) {
      assertThat(w.consume(id, 1)).isTrue();
      assertThat(w.grant(1)).isZero(); // id 1 is still unused: the span [1, 9) is full
    }
    assertThat(w.outstanding()).isEqualTo(1);
    assertThat(w.consume(1, 1)).isTrue(); // the skipped id, last
    assertThat(w.grant(8)).isEqualTo(8);
    assertThat(w.consume(9, 8)).isTrue();
  }

  @Test
  void grantsTheMaximumOfEightThousandCreditsThatClientsExpect() {
    CreditWindow w = new CreditWindow(SmbLimits.MAX_CREDITS);
    w.consume(0, 1);
    assertThat(w.grant(65535)).isEqualTo(8192);
  }
}
