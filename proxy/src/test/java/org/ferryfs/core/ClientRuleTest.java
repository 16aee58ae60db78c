package org.ferryfs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRuleTest {
  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void emptyRuleAdmitsEveryone() throws Exception {
    assertThat(ClientRule.parse(List.of()).admits(ip("10.1.2.3"))).isTrue();
  }

  @Test
  void cidrBlocksAndSingleAddresses() throws Exception {
    ClientRule r =
        ClientRule.parse(List.of("127.0.0.0/8", "192.168.1.7", "10.20.0.0/14", "fd00::/8"));
    assertThat(r.admits(ip("127.9.9.9"))).isTrue();
    assertThat(r.admits(ip("192.168.1.7"))).isTrue();
    assertThat(r.admits(ip("192.168.1.8"))).isFalse();
    assertThat(r.admits(ip("10.23.255.1"))).isTrue();
    assertThat(r.admits(ip("10.24.0.1"))).isFalse();
    assertThat(r.admits(ip("fd12::1"))).isTrue();
    assertThat(r.admits(ip("fe80::1"))).isFalse();
    assertThat(r.admits(ip("::ffff:127.0.0.1"))).isTrue();
  }

  @Test
  void typosAreRefusedWithTheEntryNamed() {
    assertThatThrownBy(() -> ClientRule.parse(List.of("127.0.0.0/33")))
        .hasMessageContaining("'127.0.0.0/33'");
    assertThatThrownBy(() -> ClientRule.parse(List.of("localhost")))
        .hasMessageContaining("'localhost' is not an IP address");
    assertThatThrownBy(() -> ClientRule.parse(List.of("10.0.0.0/x")))
        .hasMessageContaining("10.0.0.0/x");
  }
}
