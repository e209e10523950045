package io.picshare.api.domain.auth;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks bearer tokens: {@code v1.<payload>.<signature>}, where the payload is {@code
 * userId|username|expiresAtEpochSecond} in base64url and the signature its HMAC-SHA256 under the
 * server secret. Stateless, so any API instance sharing the secret accepts them.
 */
public final class TokenService {
  private static final String VERSION = "v1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Clock clock;
  private final Duration timeToLive;

  public TokenService(byte[] secret, Clock clock, Duration timeToLive) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the token secret must have at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.clock = clock;
    this.timeToLive = timeToLive;
  }

  public Duration timeToLive() {
    return timeToLive;
  }

  public String issue(Principal principal) {
    long expiresAt = clock.instant().plus(timeToLive).getEpochSecond();
    String payload =
        ENCODER.encodeToString(
            (principal.userId() + "|" + principal.username() + "|" + expiresAt)
                .getBytes(StandardCharsets.UTF_8));
    String signed = VERSION + "." + payload;
    return signed + "." + ENCODER.encodeToString(sign(signed));
  }

  /** The principal a valid token names; {@code UNAUTHENTICATED} for anything else. */
  public Principal verify(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      throw unauthenticated("malformed token");
    }
    byte[] signature;
    String[] fields;
    try {
      signature = DECODER.decode(parts[2]);
      fields = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8).split("\\|", -1);
    } catch (IllegalArgumentException e) {
      throw unauthenticated("malformed token");
    }
    if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
      throw unauthenticated("bad token signature");
    }
    if (fields.length != 3) {
      throw unauthenticated("malformed token");
    }
    try {
      if (Long.parseLong(fields[2]) <= clock.instant().getEpochSecond()) {
        throw unauthenticated("token expired; log in again");
      }
      return new Principal(Long.parseLong(fields[0]), fields[1]);
    } catch (NumberFormatException e) {
      throw unauthenticated("malformed token");
    }
  }

  private byte[] sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static PicShareException unauthenticated(String detail) {
    return new PicShareException(ErrorCode.UNAUTHENTICATED, detail);
  }
}
