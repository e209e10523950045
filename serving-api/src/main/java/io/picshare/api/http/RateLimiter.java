package io.picshare.api.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Token-bucket limits per key (a user id or a client address) for one kind of request, held in this
 * server's memory. Every limited response carries {@code RateLimit-Limit}, {@code
 * RateLimit-Remaining} and {@code RateLimit-Reset} of the limit nearest to exhaustion (a request
 * may pass several); a refused one is a 429 with {@code Retry-After}.
 */
final class RateLimiter {
  private final String name;
  private final long capacity;
  private final Duration period;
  private final Cache<String, Bucket> buckets;

  RateLimiter(String name, long capacity, Duration period) {
    this.name = name;
    this.capacity = capacity;
    this.period = period;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(1_000_000)
            .expireAfterAccess(period.multipliedBy(2))
            .build();
  }

  /** Takes one token for {@code key}, or fails the request with {@code RATE_LIMITED}. */
  void acquire(RoutingContext ctx, String key) {
    Bucket bucket =
        buckets.get(
            key,
            ignored ->
                Bucket.builder()
                    .addLimit(
                        Bandwidth.builder()
                            .capacity(capacity)
                            .refillGreedy(capacity, period)
                            .build())
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    long resetSeconds = Math.max(1, (probe.getNanosToWaitForReset() + 999_999_999) / 1_000_000_000);
    String shown = ctx.response().headers().get("RateLimit-Remaining");
    if (!probe.isConsumed()
        || shown == null
        || Long.parseLong(shown) > probe.getRemainingTokens()) {
      ctx.response()
          .putHeader("RateLimit-Limit", Long.toString(capacity))
          .putHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()))
          .putHeader("RateLimit-Reset", Long.toString(resetSeconds));
    }
    if (!probe.isConsumed()) {
      long retryAfter =
          Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
      ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
      throw new PicShareException(
          ErrorCode.RATE_LIMITED, "too many " + name + "; retry in " + retryAfter + " s");
    }
  }
}
