package org.ferryfs.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An export's client access rule: a list of addresses and CIDR blocks (IPv4 or IPv6). An empty rule
 * admits everyone. IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) match IPv4 entries.
 */
public final class ClientRule {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private record Block(byte[] network, int prefix) {}

  private final List<String> entries;
  private final List<Block> blocks;

  private ClientRule(List<String> entries, List<Block> blocks) {
    this.entries = List.copyOf(entries);
    this.blocks = List.copyOf(blocks);
  }

  /** A rule that admits everyone. */
  public static final ClientRule EVERYONE = new ClientRule(List.of(), List.of());

  /**
   * Parses entries such as {@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}.
   * Host names are not accepted: a rule must not depend on DNS.
   *
   * @throws IllegalArgumentException naming the entry that is not an address or CIDR block
   */
  public static ClientRule parse(List<String> entries) {
    if (entries == null || entries.isEmpty()) {
      return EVERYONE;
    }
    List<Block> blocks = new ArrayList<>();
    for (String entry : entries) {
      blocks.add(parseEntry(entry));
    }
    return new ClientRule(entries, blocks);
  }

  private static Block parseEntry(String entry) {
    String e = entry == null ? "" : entry.trim();
    String addr = e;
    int prefix = -1;
    int slash = e.indexOf('/');
    if (slash >= 0) {
      addr = e.substring(0, slash);
      try {
        prefix = Integer.parseInt(e.substring(slash + 1));
      } catch (NumberFormatException ex) {
        throw invalid(entry);
      }
    }
    if (!IPV4.matcher(addr).matches() && !IPV6.matcher(addr).matches()) {
      throw invalid(entry);
    }
    byte[] bytes;
    try {
      // a literal address: getByName does not consult DNS for these
      bytes = InetAddress.getByName(addr).getAddress();
    } catch (UnknownHostException ex) {
      throw invalid(entry);
    }
    int bits = bytes.length * 8;
    if (prefix == -1) {
      prefix = bits;
    }
    if (prefix < 0 || prefix > bits) {
      throw invalid(entry);
    }
    return new Block(bytes, prefix);
  }

  private static IllegalArgumentException invalid(String entry) {
    return new IllegalArgumentException(
        "'" + entry + "' is not an IP address or CIDR block (like 127.0.0.1 or 10.0.0.0/8)");
  }

  /** True if the rule admits a client at {@code address}. */
  public boolean admits(InetAddress address) {
    if (blocks.isEmpty()) {
      return true;
    }
    byte[] a = address.getAddress();
    byte[] v4 = mappedIpv4(a);
    for (Block b : blocks) {
      if (matches(b, a) || (v4 != null && matches(b, v4))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Block b, byte[] a) {
    if (a.length != b.network().length) {
      return false;
    }
    int full = b.prefix() / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != b.network()[i]) {
        return false;
      }
    }
    int rest = b.prefix() % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (b.network()[full] & mask);
  }

  private static byte[] mappedIpv4(byte[] a) {
    if (a.length != 16) {
      return null;
    }
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return null;
      }
    }
    if ((a[10] & 0xff) != 0xff || (a[11] & 0xff) != 0xff) {
      return null;
    }
    return new byte[] {a[12], a[13], a[14], a[15]};
  }

  /** The entries as configured. */
  public List<String> entries() {
    return entries;
  }

  @Override
  public String toString() {
    return entries.isEmpty() ? "everyone" : String.join(",", entries);
  }
}
