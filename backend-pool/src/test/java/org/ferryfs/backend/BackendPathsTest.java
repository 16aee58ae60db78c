package org.ferryfs.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackendPathsTest {

  @Test
  void goodPathsSplitIntoComponents() throws BackendException {
    assertThat(BackendPaths.split("")).isEmpty();
    assertThat(BackendPaths.split("a")).containsExactly("a");
    assertThat(BackendPaths.split("a/b c/...")).containsExactly("a", "b c", "...");
    assertThat(BackendPaths.split(".hidden/..x/x..")).containsExactly(".hidden", "..x", "x..");
    assertThat(BackendPaths.split("back\\slash")).containsExactly("back\\slash");
    assertThat(BackendPaths.join(List.of("a", "b"))).isEqualTo("a/b");
    assertThat(BackendPaths.join(List.of())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/a", "a/", "a//b", ".", "..", "a/.", "./a", "a/../b", "a\0b", "//"})
  void badPathsAreInvalidArgumentsWithTheRule(String bad) {
    assertThatThrownBy(() -> BackendPaths.split(bad))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.status()).isEqualTo(BackendStatus.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("paths are relative to the export root");
              assertThat(e.getMessage()).doesNotContain("\0");
            });
  }

  @Test
  void nullIsInvalid() {
    assertThatThrownBy(() -> BackendPaths.split(null)).isInstanceOf(BackendException.class);
    assertThatThrownBy(() -> BackendPaths.checkName(null)).isInstanceOf(BackendException.class);
  }

  @Test
  void namesAreSingleComponents() throws BackendException {
    BackendPaths.checkName("file.txt");
    for (String bad : List.of("", ".", "..", "a/b", "a\0")) {
      assertThatThrownBy(() -> BackendPaths.checkName(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> assertThat(e.status()).isEqualTo(BackendStatus.INVALID_ARGUMENT));
    }
  }
}
