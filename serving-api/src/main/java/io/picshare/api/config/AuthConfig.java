package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Bearer tokens.
 *
 * @param tokenSecretFile the HMAC key every API instance signs and checks tokens with; created with
 *     32 random bytes if absent ({@code token-secret-file}, default {@code
 *     ~/.picshare/token.secret}). All instances of one deployment must share it.
 * @param tokenTimeToLive how long a token stays valid ({@code token-ttl-seconds}, default 86400)
 */
public record AuthConfig(Path tokenSecretFile, Duration tokenTimeToLive) {
  public AuthConfig {
    requireNonNull(tokenSecretFile, "tokenSecretFile is null");
    requireNonNull(tokenTimeToLive, "tokenTimeToLive is null");
  }

  static AuthConfig from(ConfigValues values) {
    return new AuthConfig(
        values
            .path("token-secret-file")
            .orElse(Path.of(System.getProperty("user.home"), ".picshare", "token.secret")),
        Duration.ofSeconds(values.integer("token-ttl-seconds", 86_400, 60, 30 * 86_400)));
  }
}
