package org.ferryfs.nfs.v3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Nfs3StatusTest {

  /** Every status RFC 1813 §2.6 defines, except NFS3_OK. */
  private static final Set<Integer> ERRORS =
      Set.of(
          1, 2, 5, 6, 13, 17, 18, 19, 20, 21, 22, 27, 28, 30, 31, 63, 66, 69, 70, 71, 10001, 10002,
          10003, 10004, 10005, 10006, 10007, 10008);

  @ParameterizedTest
  @EnumSource(BackendStatus.class)
  void everyBackendStatusMapsToAnNfs3Error(BackendStatus status) {
    assertThat(ERRORS).contains(Nfs3Status.of(status));
  }

  @Test
  void notableMappings() {
    assertThat(Nfs3Status.of(BackendStatus.DELAY)).isEqualTo(Nfsstat3.NFS3ERR_JUKEBOX);
    assertThat(Nfs3Status.of(BackendStatus.UNAVAILABLE)).isEqualTo(Nfsstat3.NFS3ERR_JUKEBOX);
    assertThat(Nfs3Status.of(BackendStatus.TIMED_OUT)).isEqualTo(Nfsstat3.NFS3ERR_JUKEBOX);
    assertThat(Nfs3Status.of(BackendStatus.STALE)).isEqualTo(Nfsstat3.NFS3ERR_STALE);
    assertThat(Nfs3Status.of(BackendStatus.BAD_HANDLE)).isEqualTo(Nfsstat3.NFS3ERR_BADHANDLE);
    assertThat(Nfs3Status.of(BackendStatus.LOCKED)).isEqualTo(Nfsstat3.NFS3ERR_JUKEBOX);
    assertThat(Nfs3Status.of(BackendStatus.SHARING_VIOLATION)).isEqualTo(Nfsstat3.NFS3ERR_ACCES);
    assertThat(Nfs3Status.of(BackendStatus.BAD_COOKIE)).isEqualTo(Nfsstat3.NFS3ERR_BAD_COOKIE);
    assertThat(Nfs3Status.of(BackendStatus.NOT_SYNC)).isEqualTo(Nfsstat3.NFS3ERR_NOT_SYNC);
    assertThat(Nfs3Status.of(BackendStatus.TOO_SMALL)).isEqualTo(Nfsstat3.NFS3ERR_TOOSMALL);
    assertThat(Nfs3Status.of(BackendStatus.READ_ONLY)).isEqualTo(Nfsstat3.NFS3ERR_ROFS);
    assertThat(Nfs3Status.of(BackendStatus.SERVER_FAULT)).isEqualTo(Nfsstat3.NFS3ERR_SERVERFAULT);
    assertThat(Nfs3Status.of(BackendStatus.NOT_OWNER)).isEqualTo(Nfsstat3.NFS3ERR_PERM);
    assertThat(Nfs3Status.of(BackendStatus.ACCESS_DENIED)).isEqualTo(Nfsstat3.NFS3ERR_ACCES);
  }
}
