package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/**
 * The load balancers and reverse proxies in front of the API.
 *
 * @param trustedProxies peers whose {@code Forwarded} and {@code X-Forwarded-For} headers are
 *     believed, as comma-separated CIDRs or addresses, e.g. {@code 10.0.0.0/8,2001:db8::/32}
 *     ({@code trusted-proxies}, default none: the TCP peer is the client)
 * @param forwardedHeader the header those proxies append the address they saw to: {@code
 *     x-forwarded-for} or {@code forwarded} ({@code forwarded-header}, default {@code
 *     x-forwarded-for}); the other one is ignored
 */
public record ProxyConfig(List<Cidr> trustedProxies, ForwardedHeader forwardedHeader) {
  public ProxyConfig {
    trustedProxies = List.copyOf(trustedProxies);
    requireNonNull(forwardedHeader, "forwardedHeader is null");
  }

  /** No proxy is trusted: the TCP peer is the client. */
  public static ProxyConfig none() {
    return new ProxyConfig(List.of(), ForwardedHeader.X_FORWARDED_FOR);
  }

  static ProxyConfig from(ConfigValues values) {
    String list = values.string("trusted-proxies", "");
    return new ProxyConfig(
        Arrays.stream(list.split(","))
            .map(String::strip)
            .filter(entry -> !entry.isEmpty())
            .map(
                entry -> {
                  try {
                    return Cidr.parse(entry);
                  } catch (IllegalArgumentException e) {
                    throw new ConfigException("trusted-proxies: " + e.getMessage());
                  }
                })
            .toList(),
        ForwardedHeader.parse(values.string("forwarded-header", "x-forwarded-for")));
  }
}
