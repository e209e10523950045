package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What every benchmark takes, validated.
 *
 * @param api base URI of the PicShare API ({@code --api}), without a trailing slash
 * @param concurrencyLevels requests kept in flight, one level after the other ({@code
 *     --concurrency})
 * @param duration measured time per level ({@code --duration})
 * @param warmup unmeasured time at the same concurrency before each level ({@code --warmup})
 * @param photoSizeKb target JPEG size in KiB ({@code --photo-size-kb})
 * @param users accounts the requests are spread over ({@code --users})
 * @param requestTimeout how long one request may take before it counts as {@code timeout}
 */
public record LoadParameters(
    URI api,
    List<Integer> concurrencyLevels,
    Duration duration,
    Duration warmup,
    int photoSizeKb,
    int users,
    Duration requestTimeout) {
  public LoadParameters {
    api = baseUrl(api);
    requireNonNull(duration, "duration is null");
    requireNonNull(warmup, "warmup is null");
    requireNonNull(requestTimeout, "requestTimeout is null");
    concurrencyLevels = List.copyOf(requireNonNull(concurrencyLevels, "concurrencyLevels is null"));
    if (concurrencyLevels.isEmpty()
        || concurrencyLevels.stream().anyMatch(c -> c < 1 || c > 10_000)) {
      throw new IllegalArgumentException(
          "--concurrency needs levels between 1 and 10000, got " + concurrencyLevels);
    }
    if (duration.toSeconds() < 1) {
      throw new IllegalArgumentException("--duration must be at least 1 second");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if (photoSizeKb < 2 || photoSizeKb > 50 * 1024) {
      throw new IllegalArgumentException(
          "--photo-size-kb must be between 2 and 51200, got " + photoSizeKb);
    }
    if (users < 1 || users > 10_000) {
      throw new IllegalArgumentException("--users must be between 1 and 10000, got " + users);
    }
    if (requestTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("--request-timeout must be at least 1 second");
    }
  }

  /**
   * The API's base URL from {@code --api}: http(s), a host, no path; a trailing slash is dropped.
   *
   * @throws IllegalArgumentException otherwise
   */
  static URI baseUrl(URI api) {
    requireNonNull(api, "api is null");
    if (!("http".equals(api.getScheme()) || "https".equals(api.getScheme()))
        || api.getHost() == null) {
      throw new IllegalArgumentException(
          "--api must be an http(s) URL such as http://127.0.0.1:8080, got " + api);
    }
    if (api.getRawPath() != null && !api.getRawPath().isEmpty() && !api.getRawPath().equals("/")) {
      throw new IllegalArgumentException(
          "--api is the server's base URL, without a path, got " + api);
    }
    return URI.create(api.getScheme() + "://" + api.getRawAuthority());
  }

  public int photoBytes() {
    return photoSizeKb * 1024;
  }

  /** The parameters as the report's second line shows them. */
  public String describe(String workload) {
    return String.format(
        Locale.ROOT,
        "%s against %s; ~%d KB JPEGs; %d users; concurrency %s; %d s warm-up + %d s measured per level;"
            + " closed loop, latency of successful requests",
        workload,
        api,
        photoSizeKb,
        users,
        concurrencyLevels.stream().map(String::valueOf).collect(Collectors.joining(",")),
        warmup.toSeconds(),
        duration.toSeconds());
  }
}
