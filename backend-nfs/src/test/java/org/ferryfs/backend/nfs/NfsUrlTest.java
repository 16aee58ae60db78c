package org.ferryfs.backend.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** URL and option checks: each refusal is one line naming the backend and the rule. */
class NfsUrlTest {

  @Test
  void aFullUrlParses() throws Exception {
    NfsUrl u = NfsUrl.parse("b", URI.create("nfs://filer:20490/srv/exports/?mountport=20048"));
    assertThat(u).isEqualTo(new NfsUrl("filer", 20490, "/srv/exports", 20048));
  }

  @Test
  void portsDefaultTo2049AndThePortmapper() throws Exception {
    NfsUrl u = NfsUrl.parse("b", URI.create("nfs://10.0.0.1/"));
    assertThat(u).isEqualTo(new NfsUrl("10.0.0.1", 2049, "/", 0));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "smb://host/share",
        "nfs:relative",
        "nfs:///no/host",
        "nfs://user@host/x",
        "nfs://host",
        "nfs://host/x#frag",
        "nfs://host/x?version=3",
        "nfs://host/x?mountport=0",
        "nfs://host/x?mountport=70000",
        "nfs://host/x?mountport=abc",
        "nfs://host/x?mountport",
        "nfs://host/x?mountport=1&nfsport=2"
      })
  void malformedUrlsAreRefusedWithOneClearLine(String url) {
    assertThatThrownBy(() -> new NfsDriver().open(config(url, Map.of())))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.status()).isEqualTo(BackendStatus.INVALID_ARGUMENT);
              assertThat(e.getMessage()).startsWith("backend 'nfs-b'").doesNotContain("\n");
            });
  }

  @Test
  void accountOptionsAreRefusedWithoutShowingValues() {
    assertThatThrownBy(
            () ->
                new NfsDriver()
                    .open(
                        config(
                            "nfs://127.0.0.1/x?mountport=1",
                            Map.of("username", "u", "password", "s3cret"))))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.status()).isEqualTo(BackendStatus.INVALID_ARGUMENT);
              assertThat(e.getMessage())
                  .contains("takes no account")
                  .contains("password")
                  .doesNotContain("s3cret");
            });
  }

  @Test
  void unknownOptionsAndBadIdsAreRefused() {
    assertThatThrownBy(
            () -> new NfsDriver().open(config("nfs://127.0.0.1/x", Map.of("timeo", "600"))))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.getMessage()).contains("unknown options [timeo]"));
    assertThatThrownBy(() -> new NfsDriver().open(config("nfs://127.0.0.1/x", Map.of("uid", "-1"))))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.getMessage()).contains("option uid must be a number"));
  }

  @Test
  void theDriverServesTheNfsScheme() {
    assertThat(new NfsDriver().scheme()).isEqualTo("nfs");
  }

  private static BackendConfig config(String url, Map<String, String> options) {
    return new BackendConfig("nfs-b", URI.create(url), options);
  }
}
