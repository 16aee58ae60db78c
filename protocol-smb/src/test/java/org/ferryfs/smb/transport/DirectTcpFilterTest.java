package org.ferryfs.smb.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectTcpFilterTest {
  @Test
  void framesAreCompleteOnlyWithAllTheirBytes() {
    assertThat(DirectTcpFilter.frame(0, 0, 0, 100, 103, 1000))
        .isInstanceOf(DirectTcpFilter.Incomplete.class);
    assertThat(DirectTcpFilter.frame(0, 0, 0, 100, 104, 1000))
        .isEqualTo(new DirectTcpFilter.Complete(100));
    assertThat(DirectTcpFilter.frame(0, 0, 1, 0, 300, 1000))
        .isEqualTo(new DirectTcpFilter.Complete(256));
  }

  @Test
  void oversizedOrMalformedFramesAreViolationsBeforeAnyAllocation() {
    assertThat(DirectTcpFilter.frame(0, 0xff, 0xff, 0xff, 4, 1000))
        .isInstanceOf(DirectTcpFilter.Violation.class);
    assertThat(DirectTcpFilter.frame(0x81, 0, 0, 10, 14, 1000))
        .isInstanceOf(DirectTcpFilter.Violation.class);
    assertThat(DirectTcpFilter.frame(0, 0, 0, 2, 6, 1000))
        .isInstanceOf(DirectTcpFilter.Violation.class);
  }
}
