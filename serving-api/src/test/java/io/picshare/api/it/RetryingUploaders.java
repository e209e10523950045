package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that keep uploading distinct photos at once, each photo under its own {@code
 * Idempotency-Key}. An upload whose request breaks (connection lost, or a 5xx) is retried with the
 * same key and bytes against the fallback API, as a client behind a load balancer would; without a
 * fallback the uploader stops there. Every attempt is recorded.
 */
final class RetryingUploaders implements AutoCloseable {
  /** One request: where it went, when, and what came back ({@code status} -1: no response). */
  record Attempt(String key, String target, long startedNanos, long endedNanos, int status) {
    boolean inFlightAt(long nanos, Duration margin) {
      return startedNanos < nanos - margin.toNanos() && endedNanos > nanos;
    }
  }

  /** An upload the API answered 201 to. */
  record Acknowledged(String key, String photoId, byte[] bytes) {}

  private static final int MAX_ATTEMPTS_PER_UPLOAD = 50;
  private static final Duration IN_PROGRESS_BACKOFF = Duration.ofMillis(200);

  private final ApiClient primary;
  private final Optional<ApiClient> fallback;
  private final String token;
  private final int photoWidth;
  private final int photoHeight;
  private final ExecutorService threads;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicInteger seed = new AtomicInteger();
  private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  private RetryingUploaders(
      ApiClient primary,
      Optional<ApiClient> fallback,
      String token,
      int photoWidth,
      int photoHeight,
      int count) {
    this.primary = primary;
    this.fallback = fallback;
    this.token = token;
    this.photoWidth = photoWidth;
    this.photoHeight = photoHeight;
    this.threads = Executors.newFixedThreadPool(count);
  }

  /**
   * Starts {@code count} uploaders of {@code photoWidth} × {@code photoHeight} JPEGs as the user of
   * {@code token}.
   */
  static RetryingUploaders start(
      int count,
      ApiClient primary,
      Optional<ApiClient> fallback,
      String token,
      int photoWidth,
      int photoHeight) {
    RetryingUploaders uploaders =
        new RetryingUploaders(primary, fallback, token, photoWidth, photoHeight, count);
    for (int i = 0; i < count; i++) {
      uploaders.threads.execute(uploaders::uploadUntilStopped);
    }
    return uploaders;
  }

  private void uploadUntilStopped() {
    ApiClient target = primary;
    while (!stopping.get()) {
      byte[] photo = TestPhotos.jpeg(photoWidth, photoHeight, seed.incrementAndGet());
      String key = "upload-" + UUID.randomUUID();
      Optional<ApiClient> next = upload(target, key, photo);
      if (next.isEmpty()) {
        return;
      }
      target = next.get();
    }
  }

  /**
   * Uploads until acknowledged; returns the API to use next, or empty if this uploader must stop.
   */
  private Optional<ApiClient> upload(ApiClient target, String key, byte[] photo) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS_PER_UPLOAD; attempt++) {
      long started = System.nanoTime();
      int status;
      HttpResponse<byte[]> response = null;
      try {
        response = target.upload(token, photo, "retrying uploader", Map.of("Idempotency-Key", key));
        status = response.statusCode();
      } catch (IOException broken) {
        status = -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } catch (Exception e) {
        problems.add(key + ": " + e);
        return Optional.empty();
      }
      attempts.add(
          new Attempt(
              key, target == primary ? "primary" : "fallback", started, System.nanoTime(), status));
      if (status == 201) {
        acknowledged.put(key, new Acknowledged(key, json(response).getString("id"), photo));
        return Optional.of(target);
      }
      if (status == 409 && "request-in-progress".equals(json(response).getString("code"))) {
        sleep(IN_PROGRESS_BACKOFF);
        continue;
      }
      if (status != -1 && status < 500) {
        problems.add(key + ": " + status + " " + ApiClient.text(response));
        return Optional.of(target);
      }
      if (fallback.isEmpty()) {
        return Optional.empty();
      }
      target = fallback.get();
    }
    problems.add(key + ": not acknowledged after " + MAX_ATTEMPTS_PER_UPLOAD + " attempts");
    return Optional.of(target);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits up to {@code timeout} until at least {@code count} uploads were acknowledged. */
  void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acknowledged.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /**
   * Lets every uploader finish the upload it is doing (retries included), then stop; true if all
   * did within {@code timeout}.
   */
  boolean stop(Duration timeout) throws InterruptedException {
    stopping.set(true);
    threads.shutdown();
    return threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  Map<String, Acknowledged> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** Uploads that neither were acknowledged nor broke off: refusals, give-ups, client errors. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  @Override
  public void close() {
    stopping.set(true);
    threads.shutdownNow();
  }
}
