package io.picshare.api.domain.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

  private static TokenService at(Instant instant, byte[] secret) {
    return new TokenService(secret, Clock.fixed(instant, ZoneOffset.UTC), Duration.ofHours(1));
  }

  @Test
  void aTokenNamesWhomItWasIssuedTo() {
    String token = at(NOW, SECRET).issue(new Principal(42, "alice"));

    assertThat(token).startsWith("v1.");
    assertThat(at(NOW.plusSeconds(3599), SECRET).verify(token))
        .isEqualTo(new Principal(42, "alice"));
  }

  @Test
  void expiredForgedAndMalformedTokensAreRefused() {
    String token = at(NOW, SECRET).issue(new Principal(42, "alice"));
    byte[] otherSecret = Arrays.copyOf(SECRET, SECRET.length);
    otherSecret[0] ^= 1;

    assertUnauthenticated(() -> at(NOW.plusSeconds(3600), SECRET).verify(token), "expired");
    assertUnauthenticated(() -> at(NOW, otherSecret).verify(token), "signature");
    String tampered =
        token.substring(0, 4) + (token.charAt(4) == 'A' ? 'B' : 'A') + token.substring(5);
    assertUnauthenticated(() -> at(NOW, SECRET).verify(tampered), "");
    assertUnauthenticated(() -> at(NOW, SECRET).verify("v1.abc"), "malformed");
    assertUnauthenticated(() -> at(NOW, SECRET).verify("v2.a.b"), "malformed");
    assertUnauthenticated(() -> at(NOW, SECRET).verify("v1.!!.??"), "malformed");
  }

  @Test
  void refusesShortSecrets() {
    assertThatThrownBy(() -> at(NOW, new byte[16])).hasMessageContaining("32 bytes");
  }

  private static void assertUnauthenticated(Runnable call, String detail) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            PicShareException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED))
        .hasMessageContaining(detail);
  }
}
