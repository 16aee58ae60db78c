package org.ferryfs.backend.smb;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.mssmb2.SMB2MessageCommandCode;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.protocol.transport.TransportException;
import com.hierynomus.smbj.common.SMBRuntimeException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NTSTATUS codes and smbj's transport failures map to the neutral statuses in one place. */
class SmbErrorsTest {

  private static SMBApiException api(long code) {
    return new SMBApiException(code, SMB2MessageCommandCode.SMB2_CREATE, null);
  }

  @ParameterizedTest
  @CsvSource({
    "0xC0000034, NOT_FOUND", // OBJECT_NAME_NOT_FOUND
    "0xC000003A, NOT_FOUND", // OBJECT_PATH_NOT_FOUND
    "0xC0000035, EXISTS", // OBJECT_NAME_COLLISION
    "0xC0000103, NOT_DIRECTORY",
    "0xC00000BA, IS_DIRECTORY",
    "0xC0000101, NOT_EMPTY",
    "0xC0000022, ACCESS_DENIED",
    "0xC000006D, ACCESS_DENIED", // LOGON_FAILURE
    "0xC000007F, NO_SPACE",
    "0xC0000044, QUOTA_EXCEEDED",
    "0xC0000106, NAME_TOO_LONG",
    "0xC0000033, INVALID_ARGUMENT",
    "0xC0000904, FILE_TOO_LARGE",
    "0xC0000055, LOCKED",
    "0xC0000054, LOCKED",
    "0xC0000043, SHARING_VIOLATION",
    "0xC00000D4, CROSS_DEVICE",
    "0xC0000128, STALE",
    "0xC00000BB, NOT_SUPPORTED",
    "0xC0000203, UNAVAILABLE", // USER_SESSION_DELETED
    "0xC00000B5, TIMED_OUT",
    "0xC0000205, DELAY",
    "0xC0000001, IO_ERROR", // UNSUCCESSFUL: not listed
    "0xC0DEC0DE, IO_ERROR" // unknown
  })
  void ntStatusCodesMap(String code, BackendStatus expected) {
    long c = Long.decode(code);
    assertThat(SmbErrors.byCode(c)).isEqualTo(expected);
    BackendException e = SmbErrors.map(api(c), "getattr 'x'");
    assertThat(e.status()).isEqualTo(expected);
    assertThat(e.getMessage()).startsWith("getattr 'x': ").contains("0x");
  }

  @Test
  void aTimeoutAnywhereInTheChainIsTimedOut() {
    SMBRuntimeException e =
        new SMBRuntimeException(new TransportException(new TimeoutException("late")));
    assertThat(SmbErrors.statusOf(e)).isEqualTo(BackendStatus.TIMED_OUT);
    assertThat(SmbErrors.losesConnection(e)).isTrue();
  }

  @Test
  void aClosedOrRefusedConnectionIsUnavailableAndLosesTheConnection() {
    SMBRuntimeException closed = new SMBRuntimeException("DiskShare has already been closed");
    assertThat(SmbErrors.statusOf(closed)).isEqualTo(BackendStatus.UNAVAILABLE);
    assertThat(SmbErrors.losesConnection(closed)).isTrue();
    assertThat(SmbErrors.statusOf(new ConnectException("refused")))
        .isEqualTo(BackendStatus.UNAVAILABLE);
    assertThat(SmbErrors.losesConnection(api(0xC0000034L))).isFalse();
    assertThat(SmbErrors.losesConnection(api(0xC0000203L))).isTrue();
  }

  @Test
  void aBugIsAServerFault() {
    assertThat(SmbErrors.statusOf(new NullPointerException()))
        .isEqualTo(BackendStatus.SERVER_FAULT);
  }
}
