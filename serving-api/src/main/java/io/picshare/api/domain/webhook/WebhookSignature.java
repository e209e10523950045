package io.picshare.api.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code PicShare-Signature} header of a delivery, in Stripe's style: {@code t=<unix
 * seconds>,v1=<hex>}, where {@code v1} is HMAC-SHA256, keyed with the UTF-8 bytes of the webhook's
 * secret, over {@code t + "." + body}. Receivers recompute it, compare in constant time and refuse
 * a {@code t} too far from their clock (docs/webhooks.md has a worked example).
 */
public final class WebhookSignature {
  private static final HexFormat HEX = HexFormat.of();

  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code unixSeconds}. */
  public static String header(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + v1(secret, unixSeconds, body);
  }

  /** The lower-case hex HMAC-SHA256 of {@code unixSeconds + "." + body} under {@code secret}. */
  public static String v1(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return HEX.formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
