package org.ferryfs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private static final String GOOD =
      """
      listen: 127.0.0.1
      state-dir: /tmp/ferry-state
      nfs:
        port: 2049
        portmapper-port: 111
      admin:
        port: 7070
      backends:
        - name: a
          url: file:///srv/a
      exports:
        - name: alpha
          backend: a
          path: /alpha
          clients: [127.0.0.0/8]
          read-only: false
        - name: beta
          backend: a
      """;

  private FerryConfig load(String yaml) throws Exception {
    Path f = dir.resolve("ferry.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f);
  }

  private String error(String yaml) {
    try {
      load(yaml);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError("expected a ConfigException, got " + e, e);
    }
    throw new AssertionError("expected a ConfigException");
  }

  @Test
  void theDocumentedExampleLoads() throws Exception {
    FerryConfig c = load(GOOD);
    assertThat(c.listen()).isEqualTo("127.0.0.1");
    assertThat(c.stateDir()).isEqualTo(Path.of("/tmp/ferry-state"));
    assertThat(c.nfs().port()).isEqualTo(2049);
    assertThat(c.nfs().portmapperPort()).isEqualTo(111);
    assertThat(c.admin().port()).isEqualTo(7070);
    assertThat(c.admin().listen()).isEqualTo("127.0.0.1");
    assertThat(c.exports()).hasSize(2);
    assertThat(c.exports().get(1).effectivePath()).isEqualTo("/beta");
    assertThat(c.exports().get(1).clients()).isEmpty();
    assertThat(c.exports().get(1).readOnly()).isFalse();
  }

  @Test
  void defaultsApplyToAnEmptyFile() throws Exception {
    FerryConfig c = load("");
    assertThat(c.listen()).isEqualTo("0.0.0.0");
    assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/ferry"));
    assertThat(c.nfs().port()).isEqualTo(2049);
    assertThat(c.nfs().portmapperPort()).isNull();
    assertThat(c.admin().port()).isEqualTo(7070);
  }

  @Test
  void unknownTopLevelKeyIsNamedWithItsLine() {
    assertThat(error("listen: 127.0.0.1\nlisten-port: 5\n"))
        .contains("line 2")
        .contains("unknown key 'listen-port'")
        .contains("known keys:");
  }

  @Test
  void unknownNestedKeyNamesWhereItIs() {
    String yaml = GOOD.replace("read-only: false", "readonly: false");
    assertThat(error(yaml)).contains("unknown key 'readonly'").contains("exports[0]");
  }

  @Test
  void wrongTypeIsExplained() {
    assertThat(error("nfs:\n  port: abc\n"))
        .contains("'abc'")
        .contains("nfs.port")
        .contains("whole number");
  }

  @Test
  void brokenYamlGivesOneLine() {
    assertThat(error("nfs:\n  port: [1, 2\n")).contains("ferry.yaml").contains("line");
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThat(error("listen: 127.0.0.1\nlisten: 127.0.0.2\n")).contains("listen");
  }

  @Test
  void unknownBackendIsNamed() {
    assertThat(error(GOOD.replace("backend: a\n    path: /alpha", "backend: zz\n    path: /alpha")))
        .contains("export 'alpha' names unknown backend 'zz'")
        .contains("defined: a");
  }

  @Test
  void badValuesAreNamed() {
    assertThat(error(GOOD.replace("[127.0.0.0/8]", "[127.0.0.0/99]"))).contains("127.0.0.0/99");
    assertThat(error(GOOD.replace("file:///srv/a", "ftp://x/y")))
        .contains("unsupported URL scheme");
    assertThat(error(GOOD.replace("file:///srv/a", "file://srv/a"))).contains("absolute directory");
    assertThat(error(GOOD.replace("path: /alpha", "path: /../etc"))).contains("'..'");
    assertThat(error(GOOD.replace("listen: 127.0.0.1", "listen: nowhere.example")))
        .contains("not an IP address");
    assertThat(error(GOOD.replace("port: 7070", "port: 70000"))).contains("admin.port");
    assertThat(error(GOOD.replace("name: beta", "name: alpha"))).contains("defined twice");
    assertThat(error(GOOD.replace("name: beta", "name: 'bad name'"))).contains("is not valid");
  }

  @Test
  void backendKeysAreChecked() {
    assertThat(error(GOOD.replace("url: file:///srv/a", "url: file:///srv/a\n    username: x")))
        .contains("apply to smb:// backends only");
    assertThat(error(GOOD.replace("url: file:///srv/a", "url: file:///srv/a\n    timeout: soon")))
        .contains("timeout 'soon' is not a duration");
  }

  @Test
  void missingFileIsOneLine() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("none.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no such configuration file");
  }
}
