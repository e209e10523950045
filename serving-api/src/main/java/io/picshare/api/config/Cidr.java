package io.picshare.api.config;

import io.netty.util.NetUtil;
import java.util.Arrays;

/**
 * A block of IPv4 or IPv6 addresses, {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is
 * a block of one. IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) count as IPv4.
 */
public record Cidr(byte[] network, int prefixLength) {
  public Cidr {
    network = network.clone();
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + network.length);
    }
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException(
          "prefix length "
              + prefixLength
              + " does not fit a "
              + network.length * 8
              + "-bit address");
    }
    network = mask(network, prefixLength);
  }

  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = IpAddresses.parse(address);
    if (bytes == null) {
      throw new IllegalArgumentException("not an IP address or CIDR: " + text);
    }
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a CIDR prefix length: " + text);
      }
      if (IpAddresses.isMappedIpv4(NetUtil.createByteArrayFromIpAddressString(address))) {
        prefix -= 96;
      }
    }
    return new Cidr(bytes, prefix);
  }

  /**
   * Whether {@code address} (4 or 16 bytes, as {@link IpAddresses#parse} returns) is in this block.
   */
  public boolean contains(byte[] address) {
    return address.length == network.length && Arrays.equals(mask(address, prefixLength), network);
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr cidr
        && cidr.prefixLength == prefixLength
        && Arrays.equals(cidr.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    return NetUtil.bytesToIpAddress(network) + "/" + prefixLength;
  }

  private static byte[] mask(byte[] address, int prefixLength) {
    byte[] masked = address.clone();
    for (int bit = prefixLength; bit < masked.length * 8; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return masked;
  }
}
