package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * smbj (the Java SMB2/3 client Ferry's own smb:// driver uses) against Ferry's SMB front end:
 * connect, list, mkdir, 20 MiB write/read, rename, delete, wrong password; signing required on the
 * server, and smbj with encryption.
 */
class SmbjIT {
  @TempDir static Path tmp;
  static FerryFixture ferry;

  /** A server with {@code encryption: required}: it refuses any request that is not encrypted. */
  static FerryFixture sealed;

  @BeforeAll
  static void start() throws Exception {
    ferry = FerryFixture.startWithSmb(tmp.resolve("ferry"));
    sealed = FerryFixture.startWithSmb(tmp.resolve("sealed"), "required");
  }

  @AfterAll
  static void stop() {
    if (ferry != null) {
      ferry.close();
    }
    if (sealed != null) {
      sealed.close();
    }
  }

  static SMBClient client(SMB2Dialect dialect, boolean encrypt) {
    return new SMBClient(
        SmbConfig.builder()
            .withDialects(dialect)
            .withSigningRequired(true)
            .withEncryptData(encrypt)
            .withTimeout(60, TimeUnit.SECONDS)
            .withSoTimeout(60, TimeUnit.SECONDS)
            .build());
  }

  static AuthenticationContext me() {
    return new AuthenticationContext(
        FerryFixture.SMB_USER, FerryFixture.SMB_PASSWORD.toCharArray(), "WORKGROUP");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SMB_2_0_2",
        "SMB_2_1",
        "SMB_3_0",
        "SMB_3_0_2",
        "SMB_3_1_1",
        "ENC_3_0",
        "ENC_3_1_1"
      })
  void connectListMkdirWriteReadRenameDelete(String variant) throws Exception {
    boolean encrypt = variant.startsWith("ENC_");
    SMB2Dialect dialect = SMB2Dialect.valueOf(variant.replace("ENC_", "SMB_"));
    byte[] data = new byte[20 * 1024 * 1024 + 777];
    new Random(variant.hashCode()).nextBytes(data);
    String dir = "j_" + variant;
    FerryFixture ferry = encrypt ? sealed : SmbjIT.ferry;
    try (SMBClient client = client(dialect, encrypt);
        Connection conn = client.connect("127.0.0.1", ferry.smbPort());
        Session session = conn.authenticate(me());
        DiskShare share = (DiskShare) session.connectShare("alpha")) {
      assertThat(conn.getConnectionContext().getNegotiatedProtocol().getDialect())
          .isEqualTo(dialect);
      if (encrypt) {
        assertThat(session.getSessionContext().isEncryptData()).isTrue();
      }
      share.mkdir(dir);
      try (File f = open(share, dir + "\\big.bin", SMB2CreateDisposition.FILE_CREATE);
          OutputStream out = f.getOutputStream()) {
        out.write(data);
      }
      assertThat(Files.readAllBytes(ferry.alpha(dir + "/big.bin"))).isEqualTo(data);
      ByteArrayOutputStream back = new ByteArrayOutputStream();
      try (File f = open(share, dir + "\\big.bin", SMB2CreateDisposition.FILE_OPEN);
          InputStream in = f.getInputStream()) {
        in.transferTo(back);
      }
      assertThat(back.toByteArray()).isEqualTo(data);

      List<String> names =
          share.list(dir).stream().map(FileIdBothDirectoryInformation::getFileName).toList();
      assertThat(names).contains("big.bin");

      try (File f =
          share.openFile(
              dir + "\\big.bin",
              EnumSet.of(AccessMask.DELETE, AccessMask.GENERIC_READ),
              null,
              SMB2ShareAccess.ALL,
              SMB2CreateDisposition.FILE_OPEN,
              null)) {
        f.rename(dir + "\\moved.bin");
      }
      assertThat(Files.exists(ferry.alpha(dir + "/big.bin"))).isFalse();
      assertThat(Files.size(ferry.alpha(dir + "/moved.bin"))).isEqualTo(data.length);
      share.rm(dir + "\\moved.bin");
      share.rmdir(dir, false);
      assertThat(Files.exists(ferry.alpha(dir))).isFalse();
    }
  }

  static File open(DiskShare share, String path, SMB2CreateDisposition disposition) {
    return share.openFile(
        path,
        EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE),
        null,
        SMB2ShareAccess.ALL,
        disposition,
        null);
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    try (SMBClient client = client(SMB2Dialect.SMB_3_1_1, false);
        Connection conn = client.connect("127.0.0.1", ferry.smbPort())) {
      assertThatThrownBy(
              () ->
                  conn.authenticate(
                      new AuthenticationContext(
                          FerryFixture.SMB_USER, "wrong".toCharArray(), "WORKGROUP")))
          .isInstanceOfSatisfying(
              SMBApiException.class,
              e -> assertThat(e.getStatus()).isEqualTo(NtStatus.STATUS_LOGON_FAILURE));
    }
  }
}
