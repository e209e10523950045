package io.picshare.api.domain.webhook;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a webhook may be delivered to: only public (globally routable) unicast ones. An
 * address inside the operator's own networks, the machine itself or a special-purpose range is
 * refused, with the name of the range: IPv4 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12,
 * 192.0.0/24, 192.0.2/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4 and 240/4; IPv6
 * everything outside 2000::/3 (so {@code ::}, {@code ::1}, fc00::/7, fe80::/10, fec0::/10 and
 * ff00::/8), and inside it Teredo 2001::/32, ORCHID 2001:10::/28 and 2001:20::/28, documentation
 * 2001:db8::/32. IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96},
 * IPv4-compatible {@code ::/96}, NAT64 64:ff9b::/96 and 6to4 2002::/16) are judged by that address.
 */
public final class TargetAddresses {
  private TargetAddresses() {}

  /** Why {@code address} is refused, or empty if it is a public unicast address. */
  public static Optional<String> refusal(InetAddress address) {
    return refusal(address.getAddress());
  }

  /** The same for the raw 4- or 16-byte form. */
  public static Optional<String> refusal(byte[] address) {
    if (address.length == 4) {
      return ipv4(address);
    }
    if (address.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes: " + address.length);
    }
    return ipv6(address);
  }

  private static Optional<String> ipv4(byte[] a) {
    int b0 = a[0] & 0xFF;
    int b1 = a[1] & 0xFF;
    int b2 = a[2] & 0xFF;
    if (b0 == 0) {
      return Optional.of("unspecified (0.0.0.0/8)");
    }
    if (b0 == 127) {
      return Optional.of("loopback (127.0.0.0/8)");
    }
    if (b0 == 10) {
      return Optional.of("private (10.0.0.0/8)");
    }
    if (b0 == 172 && (b1 & 0xF0) == 16) {
      return Optional.of("private (172.16.0.0/12)");
    }
    if (b0 == 192 && b1 == 168) {
      return Optional.of("private (192.168.0.0/16)");
    }
    if (b0 == 100 && (b1 & 0xC0) == 64) {
      return Optional.of("shared carrier-grade NAT (100.64.0.0/10)");
    }
    if (b0 == 169 && b1 == 254) {
      return Optional.of("link-local (169.254.0.0/16)");
    }
    if (b0 >= 224 && b0 <= 239) {
      return Optional.of("multicast (224.0.0.0/4)");
    }
    if (b0 >= 240) {
      return Optional.of("reserved or broadcast (240.0.0.0/4)");
    }
    if (b0 == 192 && b1 == 0 && b2 == 0) {
      return Optional.of("reserved (192.0.0.0/24)");
    }
    if (b0 == 198 && (b1 & 0xFE) == 18) {
      return Optional.of("reserved for benchmarking (198.18.0.0/15)");
    }
    if ((b0 == 192 && b1 == 0 && b2 == 2)
        || (b0 == 198 && b1 == 51 && b2 == 100)
        || (b0 == 203 && b1 == 0 && b2 == 113)) {
      return Optional.of("reserved for documentation");
    }
    return Optional.empty();
  }

  private static Optional<String> ipv6(byte[] a) {
    if (isZero(a, 0, 10) && (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF) {
      return embedded("IPv4-mapped", Arrays.copyOfRange(a, 12, 16));
    }
    if (isZero(a, 0, 12)) {
      if (isZero(a, 12, 15) && (a[15] == 0 || a[15] == 1)) {
        return Optional.of(a[15] == 0 ? "unspecified (::)" : "loopback (::1)");
      }
      return embedded("IPv4-compatible", Arrays.copyOfRange(a, 12, 16));
    }
    int first = a[0] & 0xFF;
    if (first == 0x00 && a[1] == 0x64 && (a[2] & 0xFF) == 0xFF && (a[3] & 0xFF) == 0x9B) {
      return isZero(a, 4, 12)
          ? embedded("NAT64", Arrays.copyOfRange(a, 12, 16))
          : Optional.of("NAT64 local use (64:ff9b:1::/48)");
    }
    if ((first & 0xFE) == 0xFC) {
      return Optional.of("unique-local (fc00::/7)");
    }
    if (first == 0xFE && (a[1] & 0xC0) == 0x80) {
      return Optional.of("link-local (fe80::/10)");
    }
    if (first == 0xFE && (a[1] & 0xC0) == 0xC0) {
      return Optional.of("site-local (fec0::/10)");
    }
    if (first == 0xFF) {
      return Optional.of("multicast (ff00::/8)");
    }
    if ((first & 0xE0) != 0x20) {
      return Optional.of("not global unicast (outside 2000::/3)");
    }
    if (first == 0x20 && a[1] == 0x02) {
      return embedded("6to4", Arrays.copyOfRange(a, 2, 6));
    }
    if (first == 0x20 && a[1] == 0x01) {
      int b2 = a[2] & 0xFF;
      int b3 = a[3] & 0xFF;
      if (b2 == 0 && b3 == 0) {
        return Optional.of("Teredo tunnel (2001::/32)");
      }
      if (b2 == 0 && (b3 & 0xF0) == 0x10 || b2 == 0 && (b3 & 0xF0) == 0x20) {
        return Optional.of("ORCHID (2001:10::/28, 2001:20::/28)");
      }
      if (b2 == 0x0D && b3 == 0xB8) {
        return Optional.of("reserved for documentation (2001:db8::/32)");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> embedded(String form, byte[] ipv4) {
    return ipv4(ipv4).map(reason -> form + " form of a " + reason + " address");
  }

  private static boolean isZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
