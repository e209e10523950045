package io.picshare.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.config.Cidr;
import io.picshare.api.config.ForwardedHeader;
import io.picshare.api.config.ProxyConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
  private static final List<Cidr> PROXIES =
      List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8:ffff::/48"));
  private final ClientAddresses viaXForwardedFor =
      new ClientAddresses(new ProxyConfig(PROXIES, ForwardedHeader.X_FORWARDED_FOR));
  private final ClientAddresses viaForwarded =
      new ClientAddresses(new ProxyConfig(PROXIES, ForwardedHeader.FORWARDED));
  private final ClientAddresses trustingNobody = new ClientAddresses(ProxyConfig.none());

  @Test
  void untrustedPeerIsTheClientWhateverItClaims() {
    assertThat(viaXForwardedFor.resolve("198.51.100.9", List.of("203.0.113.1")))
        .isEqualTo("198.51.100.9");
    assertThat(trustingNobody.resolve("10.0.0.5", List.of("203.0.113.1"))).isEqualTo("10.0.0.5");
  }

  @Test
  void trustedPeerVouchesForTheRightmostUntrustedHop() {
    // the client wrote "1.2.3.4" itself; the proxy appended what it saw, 203.0.113.7
    assertThat(viaXForwardedFor.resolve("10.0.0.5", List.of("1.2.3.4, 203.0.113.7")))
        .isEqualTo("203.0.113.7");
    // two trusted proxies in a row are both skipped
    assertThat(viaXForwardedFor.resolve("10.0.0.5", List.of("1.2.3.4, 203.0.113.7, 10.9.9.9")))
        .isEqualTo("203.0.113.7");
    // several header lines count as one list, in order
    assertThat(viaXForwardedFor.resolve("10.0.0.5", List.of("1.2.3.4", "203.0.113.7")))
        .isEqualTo("203.0.113.7");
    // only trusted hops: the leftmost is the client
    assertThat(viaXForwardedFor.resolve("10.0.0.5", List.of("10.1.1.1, 10.2.2.2")))
        .isEqualTo("10.1.1.1");
  }

  @Test
  void withoutAHeaderOrWithGarbageTheProxyItselfIsCounted() {
    assertThat(viaXForwardedFor.resolve("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
    assertThat(viaXForwardedFor.resolve("10.0.0.5", List.of("203.0.113.7, unknown")))
        .isEqualTo("10.0.0.5");
    assertThat(viaXForwardedFor.resolve("10.0.0.5", List.of("203.0.113.7, unknown, 10.3.3.3")))
        .isEqualTo("10.3.3.3");
  }

  @Test
  void portsBracketsAndMappedAddressesAreNormalised() {
    assertThat(viaXForwardedFor.resolve("10.0.0.5", List.of("203.0.113.7:4711")))
        .isEqualTo("203.0.113.7");
    assertThat(viaXForwardedFor.resolve("10.0.0.5", List.of("[2001:db8::1]:443")))
        .isEqualTo("2001:db8::1");
    assertThat(viaXForwardedFor.resolve("::ffff:10.0.0.5", List.of("2001:db8::1")))
        .isEqualTo("2001:db8::1");
    assertThat(trustingNobody.resolve("0:0:0:0:0:0:0:1", List.of()))
        .as("RFC 5952 form")
        .isEqualTo("::1");
  }

  @Test
  void forwardedHeaderIsReadOnlyWhenConfigured() {
    List<String> forwarded =
        List.of("for=1.2.3.4, for=\"[2001:db8:cafe::17]:4711\";proto=https;by=10.0.0.5");
    assertThat(viaForwarded.resolve("10.0.0.5", forwarded)).isEqualTo("2001:db8:cafe::17");
    assertThat(viaForwarded.resolve("2001:db8:ffff:1::2", List.of("For=192.0.2.60;proto=http")))
        .isEqualTo("192.0.2.60");
    // an element without for= is not an address: the proxy is counted
    assertThat(viaForwarded.resolve("10.0.0.5", List.of("proto=https"))).isEqualTo("10.0.0.5");
  }

  @Test
  void ipv6ClientsAreCountedPerSlash64() {
    assertThat(ClientAddresses.rateLimitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
        .isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientAddresses.rateLimitKey("2001:db8:1:2::1"))
        .isEqualTo(ClientAddresses.rateLimitKey("2001:db8:1:2:ffff::9"));
    assertThat(ClientAddresses.rateLimitKey("2001:db8:1:3::1"))
        .isNotEqualTo(ClientAddresses.rateLimitKey("2001:db8:1:2::1"));
    assertThat(ClientAddresses.rateLimitKey("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(ClientAddresses.rateLimitKey("unknown")).isEqualTo("unknown");
  }
}
