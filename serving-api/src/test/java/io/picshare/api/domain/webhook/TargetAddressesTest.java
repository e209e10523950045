package io.picshare.api.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetAddressesTest {
  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0.0.0.0            | unspecified",
        "0.1.2.3            | unspecified",
        "127.0.0.1          | loopback",
        "127.255.255.254    | loopback",
        "10.0.0.1           | private",
        "10.255.255.255     | private",
        "172.16.0.1         | private",
        "172.31.255.255     | private",
        "192.168.1.1        | private",
        "100.64.0.1         | carrier-grade NAT",
        "100.127.255.255    | carrier-grade NAT",
        "169.254.169.254    | link-local",
        "224.0.0.1          | multicast",
        "239.255.255.250    | multicast",
        "240.0.0.1          | reserved",
        "255.255.255.255    | broadcast",
        "192.0.0.8          | reserved",
        "192.0.2.10         | documentation",
        "198.51.100.7       | documentation",
        "203.0.113.9        | documentation",
        "198.18.0.1         | benchmarking",
        "::                 | unspecified",
        "::1                | loopback",
        "fe80::1            | link-local",
        "febf:ffff::1       | link-local",
        "fec0::1            | site-local",
        "fc00::1            | unique-local",
        "fd12:3456:789a::1  | unique-local",
        "ff02::1            | multicast",
        "ff0e::101          | multicast",
        "::7f00:1           | IPv4-compatible form of a loopback",
        "::a00:1            | IPv4-compatible form of a private",
        "64:ff9b::7f00:1    | NAT64 form of a loopback",
        "64:ff9b::a9fe:a9fe | NAT64 form of a link-local",
        "64:ff9b:1::1       | NAT64 local use",
        "2002:7f00:1::1     | 6to4 form of a loopback",
        "2002:c0a8:101::1   | 6to4 form of a private",
        "2001::1            | Teredo",
        "2001:db8::1        | documentation",
        "2001:10::1         | ORCHID",
        "100::1             | not global unicast",
        "4000::1            | not global unicast",
      })
  void refusesNonPublicAddresses(String address, String reason) throws Exception {
    assertThat(TargetAddresses.refusal(InetAddress.getByName(address.strip())))
        .hasValueSatisfying(why -> assertThat(why).contains(reason.strip()));
  }

  @ParameterizedTest(name = "{0} is public")
  @ValueSource(
      strings = {
        "1.1.1.1",
        "8.8.8.8",
        "9.255.255.255",
        "11.0.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "172.15.255.255",
        "172.32.0.1",
        "169.253.1.1",
        "192.167.1.1",
        "192.0.1.1",
        "198.20.0.1",
        "223.255.255.255",
        "2606:4700:4700::1111",
        "2001:4860:4860::8888",
        "2a00:1450:4001:82b::200e",
        "2002:808:808::1",
        "64:ff9b::808:808",
      })
  void acceptsPublicAddresses(String address) throws Exception {
    assertThat(TargetAddresses.refusal(InetAddress.getByName(address))).isEmpty();
  }

  /**
   * The JDK turns {@code ::ffff:a.b.c.d} into an IPv4 address; the raw 16 bytes must be judged too.
   */
  @ParameterizedTest(name = "::ffff:{0}")
  @CsvSource({
    "7f000001, loopback",
    "0a000001, private",
    "c0a80101, private",
    "a9fea9fe, link-local",
    "64400001, carrier-grade NAT",
    "00000000, unspecified",
    "e0000001, multicast",
  })
  void judgesIpv4MappedAddressesByTheirIpv4Address(String ipv4, String reason) {
    byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffff" + ipv4);

    assertThat(TargetAddresses.refusal(mapped))
        .hasValueSatisfying(
            why -> assertThat(why).startsWith("IPv4-mapped form of a").contains(reason));
    assertThat(TargetAddresses.refusal(HexFormat.of().parseHex("00000000000000000000ffff08080808")))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} as the JDK parses it")
  @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254"})
  void mappedLiteralsAreRefused(String literal) throws Exception {
    assertThat(TargetAddresses.refusal(InetAddress.getByName(literal))).isPresent();
  }
}
