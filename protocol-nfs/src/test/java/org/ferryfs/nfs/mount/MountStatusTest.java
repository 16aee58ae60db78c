package org.ferryfs.nfs.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.mount.xdr.Mountstat3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MountStatusTest {

  /** Every error RFC 1813 §5.1 mountstat3 defines. */
  private static final Set<Integer> ERRORS = Set.of(1, 2, 5, 13, 20, 22, 63, 10004, 10006);

  @ParameterizedTest
  @EnumSource(BackendStatus.class)
  void everyBackendStatusMapsToAMountError(BackendStatus status) {
    assertThat(ERRORS).contains(MountStatus.of(status));
  }

  @Test
  void notableMappings() {
    assertThat(MountStatus.of(BackendStatus.NOT_FOUND)).isEqualTo(Mountstat3.MNT3ERR_NOENT);
    assertThat(MountStatus.of(BackendStatus.ACCESS_DENIED)).isEqualTo(Mountstat3.MNT3ERR_ACCES);
    assertThat(MountStatus.of(BackendStatus.NOT_DIRECTORY)).isEqualTo(Mountstat3.MNT3ERR_NOTDIR);
    assertThat(MountStatus.of(BackendStatus.DELAY)).isEqualTo(Mountstat3.MNT3ERR_IO);
  }
}
