package org.ferryfs.smb.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.ferryfs.backend.BackendStatus;
import org.junit.jupiter.api.Test;

class SmbStatusTest {
  @Test
  void everyBackendStatusMapsToAnErrorStatus() {
    for (BackendStatus s : BackendStatus.values()) {
      assertThat(NtStatus.isError(SmbStatus.of(s))).as(s.name()).isTrue();
    }
  }

  @Test
  void theCommonOnesMapAsWindowsDoes() {
    assertThat(SmbStatus.of(BackendStatus.NOT_FOUND))
        .isEqualTo(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
    assertThat(SmbStatus.of(BackendStatus.EXISTS)).isEqualTo(NtStatus.STATUS_OBJECT_NAME_COLLISION);
    assertThat(SmbStatus.of(BackendStatus.NOT_EMPTY))
        .isEqualTo(NtStatus.STATUS_DIRECTORY_NOT_EMPTY);
    assertThat(SmbStatus.of(BackendStatus.ACCESS_DENIED)).isEqualTo(NtStatus.STATUS_ACCESS_DENIED);
    assertThat(SmbStatus.of(BackendStatus.SHARING_VIOLATION))
        .isEqualTo(NtStatus.STATUS_SHARING_VIOLATION);
  }
}
