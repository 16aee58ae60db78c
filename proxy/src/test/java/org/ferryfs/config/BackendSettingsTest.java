package org.ferryfs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ferryfs.backend.BackendConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendSettingsTest {
  @TempDir Path dir;

  private static FerryConfig.Backend smb(String password, Path file) {
    return new FerryConfig.Backend(
        "s-1", "smb://127.0.0.1:4451/share", "ferry", password, file, null, "san-1", "3s");
  }

  @Test
  void passwordsComeFromTheConfigAFileOrTheEnvironment() throws Exception {
    assertThat(BackendSettings.toBackendConfig(smb("inline", null), Map.of()).options())
        .containsEntry(BackendSettings.PASSWORD, "inline")
        .containsEntry(BackendSettings.USERNAME, "ferry")
        .containsEntry(BackendSettings.STORAGE, "san-1")
        .doesNotContainKey("timeout");
    assertThat(BackendSettings.toBackendConfig(smb("inline", null), Map.of()).callTimeout())
        .isEqualTo(java.time.Duration.ofSeconds(3));
    Path pw = Files.writeString(dir.resolve("pw"), "from-file\nignored second line\n");
    assertThat(BackendSettings.toBackendConfig(smb(null, pw), Map.of()).options())
        .containsEntry(BackendSettings.PASSWORD, "from-file");
    assertThat(BackendSettings.passwordVariable("s-1")).isEqualTo("FERRY_BACKEND_S_1_PASSWORD");
    assertThat(
            BackendSettings.toBackendConfig(
                    smb(null, null), Map.of("FERRY_BACKEND_S_1_PASSWORD", "from-env"))
                .options())
        .containsEntry(BackendSettings.PASSWORD, "from-env");
  }

  @Test
  void passwordMistakesAreNamedAndSecretsNeverPrinted() throws Exception {
    assertThatThrownBy(() -> BackendSettings.toBackendConfig(smb("a", dir.resolve("x")), Map.of()))
        .hasMessageContaining("either 'password' or 'password-file'");
    assertThatThrownBy(
            () -> BackendSettings.toBackendConfig(smb(null, dir.resolve("none")), Map.of()))
        .hasMessageContaining("does not exist");
    BackendConfig c = BackendSettings.toBackendConfig(smb("s3cret", null), Map.of());
    assertThat(c.toString()).doesNotContain("s3cret");
    assertThat(smb("s3cret", null).toString()).doesNotContain("s3cret");
  }

  @Test
  void durationsParse() {
    assertThat(Durations.parse("500ms").toMillis()).isEqualTo(500);
    assertThat(Durations.parse("2m").toSeconds()).isEqualTo(120);
    assertThatThrownBy(() -> Durations.parse("ten seconds")).hasMessageContaining("like 500ms");
  }
}
