package io.picshare.api.config;

import io.netty.util.NetUtil;
import java.util.Arrays;

/** Parses IP address literals without ever asking DNS. */
public final class IpAddresses {
  private IpAddresses() {}

  /**
   * The 4 bytes of an IPv4 or the 16 of an IPv6 literal (an IPv4-mapped IPv6 address gives its IPv4
   * bytes); null if {@code text} is not an IP literal. Square brackets around IPv6 are allowed.
   */
  public static byte[] parse(String text) {
    if (text == null) {
      return null;
    }
    String literal = text.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
    if (bytes == null) {
      return null;
    }
    return isMappedIpv4(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
  }

  static boolean isMappedIpv4(byte[] bytes) {
    if (bytes == null || bytes.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }
}
