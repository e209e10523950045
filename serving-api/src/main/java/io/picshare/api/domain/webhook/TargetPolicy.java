package io.picshare.api.domain.webhook;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where webhooks may point: the target's host is resolved and <em>every</em> address it resolves to
 * must be public ({@link TargetAddresses}), unless the operator allows private targets (local
 * development and tests). Checked at registration and again before every attempt, which then
 * connects to the address checked here, so a DNS answer that changes in between cannot redirect it.
 * Resolving blocks: never call it on an event loop.
 */
public final class TargetPolicy {
  /** Looks a host up; {@link InetAddress#getAllByName} in production. */
  @FunctionalInterface
  public interface HostResolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final boolean allowPrivate;
  private final HostResolver resolver;

  public TargetPolicy(boolean allowPrivate, HostResolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = requireNonNull(resolver, "resolver is null");
  }

  public TargetPolicy(boolean allowPrivate) {
    this(allowPrivate, InetAddress::getAllByName);
  }

  public boolean allowsPrivate() {
    return allowPrivate;
  }

  /**
   * The addresses of {@code target}'s host, all allowed.
   *
   * @throws io.picshare.api.domain.error.PicShareException {@code WEBHOOK_TARGET_REFUSED} if the
   *     host does not resolve or an address is not allowed
   */
  public List<InetAddress> check(WebhookTarget target) {
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(target.host());
    } catch (UnknownHostException e) {
      throw WebhookTarget.refused("the host " + target.host() + " does not resolve");
    }
    if (addresses.length == 0) {
      throw WebhookTarget.refused("the host " + target.host() + " does not resolve");
    }
    if (!allowPrivate) {
      for (InetAddress address : addresses) {
        Optional<String> refusal = TargetAddresses.refusal(address);
        if (refusal.isPresent()) {
          throw WebhookTarget.refused(
              "the host "
                  + target.host()
                  + " resolves to "
                  + address.getHostAddress()
                  + ", a "
                  + refusal.get()
                  + " address; webhooks are delivered only to public addresses");
        }
      }
    }
    return List.of(addresses);
  }
}
