package io.picshare.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void containsExactlyTheAddressesOfItsBlock() {
    Cidr block = Cidr.parse("10.1.0.0/16");

    assertThat(block.contains(IpAddresses.parse("10.1.255.7"))).isTrue();
    assertThat(block.contains(IpAddresses.parse("10.2.0.1"))).isFalse();
    assertThat(block.contains(IpAddresses.parse("::ffff:10.1.2.3")))
        .as("IPv4-mapped IPv6 is IPv4")
        .isTrue();
    assertThat(block.contains(IpAddresses.parse("2001:db8::1"))).isFalse();
    assertThat(block).hasToString("10.1.0.0/16");
  }

  @Test
  void bareAddressIsABlockOfOneAndHostBitsAreMasked() {
    assertThat(Cidr.parse("192.0.2.7").contains(IpAddresses.parse("192.0.2.7"))).isTrue();
    assertThat(Cidr.parse("192.0.2.7").contains(IpAddresses.parse("192.0.2.8"))).isFalse();
    assertThat(Cidr.parse("192.0.2.77/24")).isEqualTo(Cidr.parse("192.0.2.0/24"));
    assertThat(
            Cidr.parse("2001:db8:abcd::/48").contains(IpAddresses.parse("2001:db8:abcd:ffff::1")))
        .isTrue();
    assertThat(Cidr.parse("2001:db8:abcd::/48").contains(IpAddresses.parse("2001:db8:abce::1")))
        .isFalse();
    assertThat(Cidr.parse("::/0").contains(IpAddresses.parse("::1"))).isTrue();
  }

  @Test
  void refusesWhatIsNotABlock() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("does not fit");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
    assertThatThrownBy(() -> Cidr.parse("localhost")).hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> Cidr.parse("10.0.0")).hasMessageContaining("not an IP address");
  }
}
