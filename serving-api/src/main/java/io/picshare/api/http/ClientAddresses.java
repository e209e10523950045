package io.picshare.api.http;

import io.netty.util.NetUtil;
import io.picshare.api.config.Cidr;
import io.picshare.api.config.ForwardedHeader;
import io.picshare.api.config.IpAddresses;
import io.picshare.api.config.ProxyConfig;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;

/**
 * Whom a request came from, for rate limits and logs. The TCP peer, unless it is a trusted proxy:
 * then the rightmost address of the forwarding header that is not itself a trusted proxy (the last
 * hop a trusted proxy vouches for; everything left of it the client may have written). A rate-limit
 * key counts IPv6 clients per /64, the block one subscriber usually holds.
 */
public final class ClientAddresses {
  private final List<Cidr> trustedProxies;
  private final ForwardedHeader header;

  public ClientAddresses(ProxyConfig proxies) {
    this.trustedProxies = proxies.trustedProxies();
    this.header = proxies.forwardedHeader();
  }

  /** The client's address as text, e.g. {@code 203.0.113.7} or {@code 2001:db8::1}. */
  String of(RoutingContext ctx) {
    SocketAddress peer = ctx.request().remoteAddress();
    String peerHost = peer == null || peer.host() == null ? "unknown" : peer.host();
    return resolve(peerHost, ctx.request().headers().getAll(header.headerName()));
  }

  /** The key a per-client rate limit counts the request under. */
  String rateLimitKey(RoutingContext ctx) {
    return rateLimitKey(of(ctx));
  }

  /** The client address, given the TCP peer and the forwarding header's values in arrival order. */
  String resolve(String peer, List<String> forwardingValues) {
    byte[] peerBytes = IpAddresses.parse(peer);
    if (peerBytes == null || !trusted(peerBytes) || forwardingValues.isEmpty()) {
      return canonical(peer, peerBytes);
    }
    List<String> hops = header.hops(forwardingValues);
    String client = canonical(peer, peerBytes);
    for (int i = hops.size() - 1; i >= 0; i--) {
      byte[] hop = IpAddresses.parse(hops.get(i));
      if (hop == null) {
        // a trusted proxy wrote something that is not an address ("unknown", "_hidden"):
        // count the request against that proxy rather than against anything the client wrote
        return client;
      }
      client = NetUtil.bytesToIpAddress(hop);
      if (!trusted(hop)) {
        return client;
      }
    }
    return client;
  }

  /** IPv4 addresses as they are; IPv6 ones as their /64, e.g. {@code 2001:db8:1:2::/64}. */
  static String rateLimitKey(String address) {
    byte[] bytes = IpAddresses.parse(address);
    if (bytes == null || bytes.length == 4) {
      return address;
    }
    byte[] prefix = Arrays.copyOf(Arrays.copyOf(bytes, 8), 16);
    return NetUtil.bytesToIpAddress(prefix) + "/64";
  }

  private boolean trusted(byte[] address) {
    return trustedProxies.stream().anyMatch(block -> block.contains(address));
  }

  private static String canonical(String text, byte[] bytes) {
    return bytes == null ? text : NetUtil.bytesToIpAddress(bytes);
  }
}
