package org.ferryfs.backend.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.client.RpcClient;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.xdr.XdrException;
import org.junit.jupiter.api.Test;

class NfsErrorsTest {

  private static List<Integer> rfcValues() throws IllegalAccessException {
    List<Integer> values = new ArrayList<>();
    for (Field f : Nfsstat3.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        values.add(f.getInt(null));
      }
    }
    return values;
  }

  @Test
  void everyNfsstat3ErrorHasItsOwnMapping() throws Exception {
    List<Integer> values = rfcValues();
    assertThat(values).hasSize(29); // NFS3_OK and the 28 errors of RFC 1813 §2.6
    for (int v : values) {
      if (v == Nfsstat3.NFS3_OK) {
        assertThatThrownBy(() -> NfsErrors.status(v)).isInstanceOf(IllegalArgumentException.class);
      } else {
        assertThat(NfsErrors.known(v)).as(Nfsstat3.name(v)).isNotNull();
      }
    }
    assertThat(NfsErrors.known(4242)).isNull();
    assertThat(NfsErrors.status(4242)).isEqualTo(BackendStatus.IO_ERROR);
  }

  @Test
  void theCommonErrorsMapToTheirPosixMeaning() {
    assertThat(NfsErrors.status(Nfsstat3.NFS3ERR_NOENT)).isEqualTo(BackendStatus.NOT_FOUND);
    assertThat(NfsErrors.status(Nfsstat3.NFS3ERR_EXIST)).isEqualTo(BackendStatus.EXISTS);
    assertThat(NfsErrors.status(Nfsstat3.NFS3ERR_STALE)).isEqualTo(BackendStatus.STALE);
    assertThat(NfsErrors.status(Nfsstat3.NFS3ERR_BADHANDLE)).isEqualTo(BackendStatus.STALE);
    assertThat(NfsErrors.status(Nfsstat3.NFS3ERR_JUKEBOX)).isEqualTo(BackendStatus.DELAY);
    assertThat(NfsErrors.status(Nfsstat3.NFS3ERR_NOTEMPTY)).isEqualTo(BackendStatus.NOT_EMPTY);
    assertThat(NfsErrors.status(Nfsstat3.NFS3ERR_SERVERFAULT)).isEqualTo(BackendStatus.IO_ERROR);
  }

  @Test
  void transportFailuresMapToUnavailableAndTimedOut() {
    assertThat(NfsErrors.map(new RpcClient.RpcTimeoutException("slow"), "x").status())
        .isEqualTo(BackendStatus.TIMED_OUT);
    assertThat(NfsErrors.map(new ConnectException("refused"), "x").status())
        .isEqualTo(BackendStatus.UNAVAILABLE);
    assertThat(NfsErrors.map(new RpcClient.RpcConnectionException("lost", null), "x").status())
        .isEqualTo(BackendStatus.UNAVAILABLE);
    assertThat(NfsErrors.map(new XdrException("bad"), "x").status())
        .isEqualTo(BackendStatus.IO_ERROR);
    assertThat(NfsErrors.map(new ConnectException("refused"), "getattr 'a'").getMessage())
        .startsWith("getattr 'a'");
  }
}
