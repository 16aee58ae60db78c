package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Random;
import jcifs.CIFSContext;
import jcifs.SmbTreeHandle;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.smb.NtStatus;
import jcifs.smb.NtlmPasswordAuthenticator;
import jcifs.smb.SmbAuthException;
import jcifs.smb.SmbFile;
import jcifs.smb.SmbTreeHandleInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * jCIFS-ng (a second Java SMB2/3 client, with its own NTLMSSP, signing and message layout) against
 * Ferry's SMB front end with {@code signing: required}: connect with NTLMv2 and signing, list,
 * mkdir, 20 MiB write/read byte-identical (jCIFS-ng moves at most 64 KiB per READ/WRITE), rename,
 * delete, wrong password refused. SMB2/3 only; one run per dialect pinned, and one over the whole
 * 2.0.2–3.1.1 range.
 *
 * <p>Not here: jCIFS-ng's share enumeration ({@code smb://host:port/}.list()), because jCIFS-ng
 * 2.1.10 opens the srvsvc pipe on port 445 whatever port the URL names (its
 * SmbEnumerationUtil.getHandle drops the port; codelibs/jcifs issue 106), and the tests only use
 * free ports. Share listing over srvsvc is covered by smbclient -L in {@code SmbclientIT}.
 */
class JcifsIT {
  @TempDir static Path tmp;
  static FerryFixture ferry;

  @BeforeAll
  static void start() throws Exception {
    ferry = FerryFixture.startWithSmb(tmp.resolve("ferry"));
  }

  @AfterAll
  static void stop() {
    if (ferry != null) {
      ferry.close();
    }
  }

  /** A jCIFS-ng context of its own (own transports), dialects {@code min}..{@code max}. */
  static CIFSContext context(String min, String max, String password) throws Exception {
    Properties p = new Properties();
    p.setProperty("jcifs.smb.client.minVersion", min);
    p.setProperty("jcifs.smb.client.maxVersion", max);
    p.setProperty("jcifs.smb.client.signingPreferred", "true");
    p.setProperty("jcifs.smb.client.signingEnforced", "true");
    p.setProperty("jcifs.smb.lmCompatibility", "3"); // NTLMv2 only
    p.setProperty("jcifs.smb.client.useExtendedSecurity", "true"); // SPNEGO/NTLMSSP
    p.setProperty("jcifs.smb.client.responseTimeout", "60000");
    p.setProperty("jcifs.smb.client.soTimeout", "60000");
    p.setProperty("jcifs.resolveOrder", "DNS");
    return new BaseContext(new PropertyConfiguration(p))
        .withCredentials(
            new NtlmPasswordAuthenticator("WORKGROUP", FerryFixture.SMB_USER, password));
  }

  String share() {
    return "smb://127.0.0.1:" + ferry.smbPort() + "/alpha/";
  }

  @ParameterizedTest
  @CsvSource({
    "SMB202, SMB202",
    "SMB210, SMB210",
    "SMB300, SMB300",
    "SMB302, SMB302",
    "SMB311, SMB311",
    "SMB202, SMB311"
  })
  void connectListMkdirWriteReadRenameDelete(String min, String max) throws Exception {
    byte[] data = new byte[20 * 1024 * 1024 + 777];
    new Random((min + max).hashCode()).nextBytes(data);
    String dir = "jc_" + min + "_" + max;
    CIFSContext ctx = context(min, max, FerryFixture.SMB_PASSWORD);
    try {
      SmbFile share = new SmbFile(share(), ctx);
      try (SmbTreeHandle tree = share.getTreeHandle()) {
        assertThat(tree.isSMB2()).isTrue();
        assertThat(((SmbTreeHandleInternal) tree).areSignaturesActive()).isTrue();
      }
      assertThat(share.exists()).isTrue();
      assertThat(share.isDirectory()).isTrue();

      SmbFile d = new SmbFile(share, dir + "/");
      d.mkdir();
      assertThat(Files.isDirectory(ferry.alpha(dir))).isTrue();
      assertThat(Arrays.stream(share.list())).contains(dir + "/");

      SmbFile big = new SmbFile(d, "big.bin");
      try (OutputStream out = big.openOutputStream()) {
        out.write(data);
      }
      assertThat(Files.readAllBytes(ferry.alpha(dir + "/big.bin"))).isEqualTo(data);
      assertThat(big.length()).isEqualTo(data.length);
      ByteArrayOutputStream back = new ByteArrayOutputStream(data.length);
      try (InputStream in = big.openInputStream()) {
        in.transferTo(back);
      }
      assertThat(back.toByteArray()).isEqualTo(data);
      assertThat(Arrays.stream(d.listFiles()).map(SmbFile::getName)).containsExactly("big.bin");

      SmbFile moved = new SmbFile(d, "moved.bin");
      big.renameTo(moved);
      assertThat(Files.exists(ferry.alpha(dir + "/big.bin"))).isFalse();
      assertThat(Files.size(ferry.alpha(dir + "/moved.bin"))).isEqualTo(data.length);
      assertThat(big.exists()).isFalse();
      assertThat(moved.exists()).isTrue();

      moved.delete();
      assertThat(Files.exists(ferry.alpha(dir + "/moved.bin"))).isFalse();
      assertThat(d.list()).isEmpty();
      d.delete();
      assertThat(Files.exists(ferry.alpha(dir))).isFalse();
      assertThat(d.exists()).isFalse();
    } finally {
      ctx.close();
    }
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    CIFSContext ctx = context("SMB202", "SMB311", "wrong");
    try {
      SmbFile share = new SmbFile(share(), ctx);
      assertThatThrownBy(share::list)
          .isInstanceOfSatisfying(
              SmbAuthException.class,
              e -> assertThat(e.getNtStatus()).isEqualTo(NtStatus.NT_STATUS_LOGON_FAILURE));
    } finally {
      ctx.close();
    }
  }
}
