package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Samba's {@code smbclient} against Ferry's SMB front end (local-directory backends, signing
 * required, one NTLMv2 account), on every dialect Ferry negotiates.
 */
class SmbclientIT {
  @TempDir static Path tmp;
  static FerryFixture ferry;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Files.isExecutable(Path.of("/usr/bin/smbclient")))
        .as("smbclient is installed (./run-tests installs it)")
        .isTrue();
    ferry = FerryFixture.startWithSmb(tmp.resolve("ferry"));
  }

  @AfterAll
  static void stop() {
    if (ferry != null) {
      ferry.close();
    }
  }

  static Run.Result smbclient(String share, String user, String dialect, String commands)
      throws Exception {
    return smbclient(ferry, share, user, dialect, commands);
  }

  static Run.Result smbclient(
      FerryFixture ferry,
      String share,
      String user,
      String dialect,
      String commands,
      String... options)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            "smbclient",
            "//127.0.0.1/" + share,
            "-p",
            Integer.toString(ferry.smbPort()),
            "-U",
            user,
            "-m",
            dialect,
            "--option=client min protocol=" + dialect,
            "-c",
            commands));
    cmd.addAll(List.of(options));
    return Run.run(Duration.ofMinutes(2), tmp, cmd);
  }

  static String me() {
    return FerryFixture.SMB_USER + "%" + FerryFixture.SMB_PASSWORD;
  }

  @ParameterizedTest
  @ValueSource(strings = {"SMB2_02", "SMB2_10", "SMB3_00", "SMB3_02", "SMB3_11"})
  void putGetMkdirRenameDelOnEveryDialect(String dialect) throws Exception {
    byte[] data = new byte[20 * 1024 * 1024 + 12345];
    new Random(dialect.hashCode()).nextBytes(data);
    Path in = tmp.resolve("in-" + dialect);
    Path out = tmp.resolve("out-" + dialect);
    Files.write(in, data);
    String dir = "d_" + dialect;

    smbclient(
            "alpha",
            me(),
            dialect,
            "mkdir %s; put %s %s\\big.bin; get %s\\big.bin %s".formatted(dir, in, dir, dir, out))
        .requireSuccess("smbclient put/get " + dialect);
    assertThat(Files.readAllBytes(ferry.alpha(dir + "/big.bin"))).isEqualTo(data);
    assertThat(Files.readAllBytes(out)).isEqualTo(data);

    String listing =
        smbclient("alpha", me(), dialect, "ls " + dir + "\\*").requireSuccess("ls").stdout();
    assertThat(listing).contains("big.bin").contains(Integer.toString(data.length));

    smbclient("alpha", me(), dialect, "rename %s\\big.bin %s\\moved.bin".formatted(dir, dir))
        .requireSuccess("rename");
    assertThat(Files.exists(ferry.alpha(dir + "/big.bin"))).isFalse();
    assertThat(Files.size(ferry.alpha(dir + "/moved.bin"))).isEqualTo(data.length);

    smbclient("alpha", me(), dialect, "del %s\\moved.bin; rmdir %s".formatted(dir, dir))
        .requireSuccess("del/rmdir");
    assertThat(Files.exists(ferry.alpha(dir))).isFalse();
  }

  /**
   * {@code --client-protection=encrypt} makes smbclient insist on encryption: it fails unless the
   * server offers a cipher, and then encrypts every request after SESSION_SETUP.
   */
  @ParameterizedTest
  @ValueSource(strings = {"SMB3_00", "SMB3_02", "SMB3_11", "SMB3_11:AES-128-CCM"})
  void anEncryptingClientPutsAndGetsByteIdentical(String variant) throws Exception {
    String dialect = variant.split(":")[0];
    List<String> opts = new ArrayList<>(List.of("--client-protection=encrypt"));
    if (variant.contains(":")) {
      opts.add("--option=client smb3 encryption algorithms=" + variant.split(":")[1]);
    }
    byte[] data = new byte[20 * 1024 * 1024 + 4321];
    new Random(variant.hashCode()).nextBytes(data);
    String tag = variant.replace(':', '_').replace('-', '_');
    Path in = tmp.resolve("enc-in-" + tag);
    Path out = tmp.resolve("enc-out-" + tag);
    Files.write(in, data);
    String dir = "e_" + tag;
    Run.Result r =
        smbclient(
                ferry,
                "alpha",
                me(),
                dialect,
                "mkdir %s; put %s %s\\big.bin; get %s\\big.bin %s; ls %s\\*"
                    .formatted(dir, in, dir, dir, out, dir),
                opts.toArray(String[]::new))
            .requireSuccess("encrypted put/get " + variant);
    assertThat(r.stdout()).contains("big.bin");
    assertThat(Files.readAllBytes(ferry.alpha(dir + "/big.bin"))).isEqualTo(data);
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
  }

  @Test
  void withEncryptionRequiredSmb3IsEncryptedAndSmb2IsRefused() throws Exception {
    try (FerryFixture strict = FerryFixture.startWithSmb(tmp.resolve("strict"), "required")) {
      // No --client-protection: smbclient encrypts because the session says ENCRYPT_DATA.
      Run.Result ok =
          smbclient(strict, "alpha", me(), "SMB3_11", "mkdir sealed; ls")
              .requireSuccess("3.1.1 on an encryption-required server");
      assertThat(ok.stdout()).contains("sealed");
      assertThat(Files.isDirectory(strict.alpha("sealed"))).isTrue();
      smbclient(strict, "alpha", me(), "SMB3_00", "ls").requireSuccess("3.0 (AES-128-CCM)");

      for (String old : List.of("SMB2_02", "SMB2_10")) {
        Run.Result refused = smbclient(strict, "alpha", me(), old, "ls");
        assertThat(refused.exitCode()).as(old).isNotZero();
        assertThat(refused.stdout() + refused.stderr()).contains("NT_STATUS_ACCESS_DENIED");
      }
    }
  }

  /** {@code smbclient -L}: srvsvc NetrShareEnum over a named pipe on IPC$. */
  @ParameterizedTest
  @ValueSource(strings = {"SMB2_02", "SMB3_00", "SMB3_11"})
  void theShareListNamesEveryExport(String dialect) throws Exception {
    List<String> cmd =
        List.of(
            "smbclient",
            "-L",
            "//127.0.0.1",
            "-p",
            Integer.toString(ferry.smbPort()),
            "-U",
            me(),
            "-m",
            dialect,
            "--option=client min protocol=" + dialect);
    Run.Result r = Run.run(Duration.ofMinutes(1), tmp, cmd).requireSuccess("smbclient -L");
    assertThat(r.stdout())
        .containsPattern("(?m)^\\s+alpha\\s+Disk")
        .containsPattern("(?m)^\\s+beta\\s+Disk")
        .containsPattern("(?m)^\\s+IPC\\$\\s+IPC\\s+IPC Service");
  }

  @Test
  void theShareListIsServedEncryptedToo() throws Exception {
    List<String> cmd =
        List.of(
            "smbclient",
            "-L",
            "//127.0.0.1",
            "-p",
            Integer.toString(ferry.smbPort()),
            "-U",
            me(),
            "--client-protection=encrypt");
    Run.Result r =
        Run.run(Duration.ofMinutes(1), tmp, cmd).requireSuccess("smbclient -L encrypted");
    assertThat(r.stdout()).containsPattern("(?m)^\\s+alpha\\s+Disk");
  }

  @Test
  void aFileMadeOnTheBackendIsListedAndReadable() throws Exception {
    Files.createDirectories(ferry.alpha("seen"));
    Files.writeString(ferry.alpha("seen/hello.txt"), "hello from the backend");
    Path out = tmp.resolve("hello.out");
    Run.Result r =
        smbclient("alpha", me(), "SMB3_11", "ls seen\\*; get seen\\hello.txt " + out)
            .requireSuccess("ls/get");
    assertThat(r.stdout()).contains("hello.txt");
    assertThat(Files.readString(out)).isEqualTo("hello from the backend");
  }

  @Test
  void aSigningClientIsServed() throws Exception {
    List<String> cmd =
        List.of(
            "smbclient",
            "//127.0.0.1/beta",
            "-p",
            Integer.toString(ferry.smbPort()),
            "-U",
            me(),
            "--client-protection=sign",
            "-c",
            "mkdir signed; ls");
    assertThat(Run.run(Duration.ofMinutes(1), tmp, cmd).requireSuccess("signed").stdout())
        .contains("signed");
    assertThat(Files.isDirectory(ferry.backendB.resolve("beta/signed"))).isTrue();
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    Run.Result r = smbclient("alpha", FerryFixture.SMB_USER + "%wrong", "SMB3_11", "ls");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdout() + r.stderr()).contains("NT_STATUS_LOGON_FAILURE");
  }

  @Test
  void anUnknownUserIsRefused() throws Exception {
    Run.Result r = smbclient("alpha", "mallory%" + FerryFixture.SMB_PASSWORD, "SMB2_10", "ls");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdout() + r.stderr()).contains("NT_STATUS_LOGON_FAILURE");
  }

  @Test
  void anUnknownShareIsRefused() throws Exception {
    Run.Result r = smbclient("nosuch", me(), "SMB3_11", "ls");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdout() + r.stderr()).contains("NT_STATUS_BAD_NETWORK_NAME");
  }
}
