package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Clients that upload as an app that retries would: each client uploads its own distinct photos one
 * after another, every photo under its own {@code Idempotency-Key}. An attempt that failed (no
 * answer: connection error or timeout; or a 5xx) or was answered 409 {@code request-in-progress} is
 * retried with the SAME key and bytes after a short jittered backoff, until the photo is
 * acknowledged with 201 or {@link Builder#giveUpAfter} has passed since its first attempt; any
 * other answer (a 4xx, 429 included: the tests raise the rate limits they need) ends the photo as
 * rejected. After a failure the retries go to the same API unless the clients {@link
 * Builder#failOverTo fail over} to a second one or {@link Builder#stopAtFirstFailure stop}. Every
 * attempt is recorded; the static checks hold the acknowledged photos to what a 201 promises.
 */
final class RetryingUploader implements AutoCloseable {
  /** The outcome of an attempt that got no answer because the connection failed or was closed. */
  static final String CONNECTION_ERROR = "connection-error";

  private static final String TIMEOUT = "timeout";
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 2_000;

  /** A photo the API acknowledged with 201 (after {@code attempts} attempts). */
  record Acknowledged(
      String key,
      String title,
      String photoId,
      byte[] bytes,
      int attempts,
      long acknowledgedAtNanos,
      String ownerToken) {}

  /** A photo that was never acknowledged: given up after the deadline, or rejected. */
  record Unacknowledged(String key, String title, int attempts, String lastOutcome) {}

  /**
   * One request: its photo's key, the API it went to, when it was sent and answered ({@link
   * System#nanoTime()}), and its outcome ("201", "503", "timeout", {@link #CONNECTION_ERROR}, ...).
   */
  record Attempt(String key, ApiClient api, long startedNanos, long endedNanos, String outcome) {
    boolean acknowledged() {
      return outcome.equals("201");
    }

    /** Sent more than {@code sentBefore} before {@code nanos} and not answered by then. */
    boolean inFlightAt(long nanos, Duration sentBefore) {
      return startedNanos < nanos - sentBefore.toNanos() && endedNanos > nanos;
    }
  }

  /** What a finished run did. */
  record Outcome(
      List<Acknowledged> acknowledged,
      List<Unacknowledged> unacknowledged,
      List<Attempt> attempts) {
    Outcome {
      acknowledged = List.copyOf(acknowledged);
      unacknowledged = List.copyOf(unacknowledged);
      attempts = List.copyOf(attempts);
    }

    /** Attempts by outcome, e.g. {@code {201=120, 503=14, timeout=1}}. */
    Map<String, Long> attemptsByOutcome() {
      return attempts.stream()
          .collect(Collectors.groupingBy(Attempt::outcome, TreeMap::new, Collectors.counting()));
    }

    long failedAttempts() {
      return attempts.stream().filter(attempt -> !attempt.acknowledged()).count();
    }

    long retriedPhotos() {
      return acknowledged.stream().filter(photo -> photo.attempts() > 1).count()
          + unacknowledged.stream().filter(photo -> photo.attempts() > 1).count();
    }

    long attemptsInFlightAt(long nanos) {
      return attempts.stream().filter(attempt -> attempt.inFlightAt(nanos, Duration.ZERO)).count();
    }

    /** Attempts sent and acknowledged with 201 within [{@code fromNanos}, {@code toNanos}]. */
    long attemptsSentAndAcknowledgedBetween(long fromNanos, long toNanos) {
      return attempts.stream()
          .filter(Attempt::acknowledged)
          .filter(attempt -> attempt.startedNanos() >= fromNanos && attempt.endedNanos() <= toNanos)
          .count();
    }

    long acknowledgedBetween(long fromNanos, long toNanos) {
      return acknowledged.stream()
          .filter(
              photo ->
                  photo.acknowledgedAtNanos() >= fromNanos
                      && photo.acknowledgedAtNanos() <= toNanos)
          .count();
    }

    /** One line for the logs and docs/benchmarks.md. */
    String summary() {
      Map<String, Long> failed = new TreeMap<>(attemptsByOutcome());
      failed.remove("201");
      return "photos acknowledged="
          + acknowledged.size()
          + " unacknowledged="
          + unacknowledged.size()
          + " retried="
          + retriedPhotos()
          + " attempts="
          + attempts.size()
          + " failed attempts="
          + failedAttempts()
          + " "
          + failed
          + " most attempts for one photo="
          + acknowledged.stream().mapToInt(Acknowledged::attempts).max().orElse(0);
    }
  }

  /**
   * How the clients upload: 320 × 240 JPEGs, each photo given up 30 s after its first attempt, and
   * retries after a failure sent to the same API, unless told otherwise.
   */
  static final class Builder {
    private final int clients;
    private final ApiClient api;
    private final String token;
    private int photoWidth = 320;
    private int photoHeight = 240;
    private Duration giveUpAfter = Duration.ofSeconds(30);
    private Optional<ApiClient> afterFailure;

    private Builder(int clients, ApiClient api, String token) {
      this.clients = clients;
      this.api = requireNonNull(api, "api is null");
      this.token = requireNonNull(token, "token is null");
      this.afterFailure = Optional.of(api);
    }

    Builder photoSize(int width, int height) {
      this.photoWidth = width;
      this.photoHeight = height;
      return this;
    }

    Builder giveUpAfter(Duration giveUpAfter) {
      this.giveUpAfter = requireNonNull(giveUpAfter, "giveUpAfter is null");
      return this;
    }

    /**
     * After a failure a client sends its retries, and its later photos, to {@code fallback}, as a
     * client behind a load balancer would.
     */
    Builder failOverTo(ApiClient fallback) {
      this.afterFailure = Optional.of(fallback);
      return this;
    }

    /**
     * A client stops at its first failure, the photo neither acknowledged nor given up (for a test
     * that kills the only API).
     */
    Builder stopAtFirstFailure() {
      this.afterFailure = Optional.empty();
      return this;
    }

    /** Starts the clients; they upload until {@link #finish}. */
    RetryingUploader start() {
      RetryingUploader uploader =
          new RetryingUploader(
              new Options(clients, api, token, photoWidth, photoHeight, giveUpAfter, afterFailure));
      for (int i = 0; i < clients; i++) {
        int clientNumber = i;
        uploader.threads.execute(() -> uploader.uploadUntilStopped(clientNumber));
      }
      return uploader;
    }
  }

  /** A started run's settings: see {@link Builder}. */
  private record Options(
      int clients,
      ApiClient api,
      String token,
      int photoWidth,
      int photoHeight,
      Duration giveUpAfter,
      Optional<ApiClient> afterFailure) {}

  private final Options options;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final ExecutorService threads;
  private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Unacknowledged> unacknowledged =
      new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final AtomicInteger acknowledgedCount = new AtomicInteger();
  private volatile boolean stopping;

  private RetryingUploader(Options options) {
    this.options = options;
    this.threads = Executors.newFixedThreadPool(options.clients());
  }

  /** {@code clients} clients uploading to {@code api} as the user of {@code token}. */
  static Builder clients(int clients, ApiClient api, String token) {
    return new Builder(clients, api, token);
  }

  int acknowledgedCount() {
    return acknowledgedCount.get();
  }

  /** The photos acknowledged so far. */
  List<Acknowledged> acknowledgedSoFar() {
    return List.copyOf(acknowledged);
  }

  /**
   * Waits until at least {@code count} photos in all have been acknowledged; fails after {@code
   * timeout}.
   */
  void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acknowledgedCount() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only "
                + acknowledgedCount()
                + " of "
                + count
                + " uploads acknowledged within "
                + timeout);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Starts no new photo, lets every client finish the photo it is on (acknowledged, rejected, given
   * up or stopped at a failure), and returns what the run did; fails if the clients take longer
   * than the give-up deadline plus 30 s.
   */
  Outcome finish() throws InterruptedException {
    stopping = true;
    threads.shutdown();
    Duration timeout = options.giveUpAfter().plusSeconds(30);
    if (!threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the upload clients did not finish within " + timeout);
    }
    return new Outcome(
        new ArrayList<>(acknowledged), new ArrayList<>(unacknowledged), new ArrayList<>(attempts));
  }

  @Override
  public void close() {
    stopping = true;
    threads.shutdownNow();
  }

  private void uploadUntilStopped(int clientNumber) {
    ApiClient target = options.api();
    for (int sequence = 0; !stopping && target != null; sequence++) {
      String key = "upload-" + runId + "-c" + clientNumber + "-p" + sequence;
      String title = "retried upload c" + clientNumber + " p" + sequence;
      byte[] photo =
          TestPhotos.jpeg(
              options.photoWidth(), options.photoHeight(), clientNumber * 1_000_000L + sequence);
      target = upload(target, key, title, photo);
    }
  }

  /**
   * Sends the photo until it is acknowledged, rejected or given up; returns the API for the
   * client's next photo, or null if the client must stop (at a failure, or interrupted).
   */
  private ApiClient upload(ApiClient target, String key, String title, byte[] photo) {
    long deadline = System.nanoTime() + options.giveUpAfter().toNanos();
    long left = options.giveUpAfter().toNanos();
    long backoff = FIRST_BACKOFF_MILLIS;
    for (int attempt = 1; ; attempt++) {
      long started = System.nanoTime();
      HttpResponse<byte[]> response = null;
      boolean noAnswer = false;
      String outcome;
      try {
        response =
            target.send(
                target
                    .uploadRequest(options.token(), photo, title, Map.of("Idempotency-Key", key))
                    .timeout(Duration.ofNanos(Math.min(ATTEMPT_TIMEOUT.toNanos(), left))));
        outcome = Integer.toString(response.statusCode());
      } catch (HttpTimeoutException e) {
        noAnswer = true;
        outcome = TIMEOUT;
      } catch (IOException e) {
        noAnswer = true;
        outcome = CONNECTION_ERROR;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      } catch (Exception e) {
        outcome = e.toString();
      }
      long ended = System.nanoTime();
      attempts.add(new Attempt(key, target, started, ended, outcome));
      int status = response == null ? 0 : response.statusCode();
      if (status == 201) {
        acknowledged.add(
            new Acknowledged(
                key,
                title,
                json(response).getString("id"),
                photo,
                attempt,
                ended,
                options.token()));
        acknowledgedCount.incrementAndGet();
        return target;
      }
      boolean failed = noAnswer || status >= 500;
      if (failed) {
        if (options.afterFailure().isEmpty()) {
          return null;
        }
        target = options.afterFailure().get();
      } else if (!inProgress(response)) {
        String answer = response == null ? outcome : outcome + " " + text(response);
        unacknowledged.add(new Unacknowledged(key, title, attempt, answer));
        return target;
      }
      if (!backOff(backoff)) {
        return null;
      }
      left = deadline - System.nanoTime();
      if (left <= 0) {
        unacknowledged.add(new Unacknowledged(key, title, attempt, "gave up after " + outcome));
        return target;
      }
      backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
    }
  }

  private static boolean inProgress(HttpResponse<byte[]> response) {
    return response != null
        && response.statusCode() == 409
        && "request-in-progress".equals(json(response).getString("code"));
  }

  /** Sleeps between {@code millis} and twice that; false if interrupted. */
  private static boolean backOff(long millis) {
    try {
      Thread.sleep(millis + ThreadLocalRandom.current().nextLong(millis));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The promise of every 201 when nothing else was uploaded: {@code username}'s listing holds each
   * acknowledged photo exactly once and nothing else (no second photo for a retried key), each
   * under its own title, and each downloads byte-identical.
   */
  static void assertEachAcknowledgedPhotoListedOnceAndIntact(
      ApiClient client, String username, Collection<Acknowledged> acknowledged) throws Exception {
    Map<String, Acknowledged> byId = new HashMap<>();
    for (Acknowledged photo : acknowledged) {
      Acknowledged sameId = byId.put(photo.photoId(), photo);
      assertThat(sameId).as("two keys acknowledged as one photo %s", photo.photoId()).isNull();
    }
    List<JsonObject> listed = listAll(client, username);
    Map<String, Long> timesListed =
        listed.stream()
            .collect(Collectors.groupingBy(photo -> photo.getString("id"), Collectors.counting()));
    List<String> unacknowledgedButListed =
        listed.stream()
            .filter(photo -> !byId.containsKey(photo.getString("id")))
            .map(photo -> photo.getString("id") + " \"" + photo.getString("title") + "\"")
            .toList();
    assertThat(unacknowledgedButListed)
        .as("listed photos no 201 named (a second photo for a retried key?)")
        .isEmpty();
    assertThat(timesListed.values())
        .as("photos listed more than once")
        .allMatch(count -> count == 1);
    assertThat(timesListed.keySet())
        .as("acknowledged photos missing from the listing")
        .containsAll(byId.keySet());
    assertThat(listed).hasSameSizeAs(acknowledged);

    Map<String, String> titles =
        listed.stream()
            .collect(
                Collectors.toMap(
                    photo -> photo.getString("id"), photo -> photo.getString("title")));
    for (Acknowledged photo : acknowledged) {
      assertThat(titles.get(photo.photoId())).as(photo.key()).isEqualTo(photo.title());
    }
    assertDownloadsIntact(client, acknowledged);
  }

  /** Each acknowledged photo downloads byte-identical (the original, by its owner). */
  static void assertDownloadsIntact(ApiClient client, Collection<Acknowledged> acknowledged)
      throws Exception {
    for (Acknowledged photo : acknowledged) {
      HttpResponse<byte[]> content =
          client.get(
              "/v1/photos/" + photo.photoId() + "/content?size=original",
              "Authorization",
              "Bearer " + photo.ownerToken());
      assertThat(content.statusCode()).as(photo.key() + " content").isEqualTo(200);
      assertThat(content.body()).as(photo.key() + " bytes").isEqualTo(photo.bytes());
    }
  }

  /**
   * Sending each acknowledged photo again with its key is answered 201, replayed, naming the same
   * photo.
   */
  static void assertReplaysNameTheSamePhoto(
      ApiClient client, String token, Collection<Acknowledged> acknowledged) throws Exception {
    for (Acknowledged photo : acknowledged) {
      HttpResponse<byte[]> replay =
          client.upload(
              token, photo.bytes(), photo.title(), Map.of("Idempotency-Key", photo.key()));
      assertThat(replay.statusCode()).as(photo.key() + ": " + text(replay)).isEqualTo(201);
      assertThat(replay.headers().firstValue("Idempotent-Replayed"))
          .as(photo.key())
          .contains("true");
      assertThat(json(replay).getString("id")).as(photo.key()).isEqualTo(photo.photoId());
    }
  }

  /**
   * Every photo of {@code username}, paging through {@code GET /v1/users/{u}/photos?limit=100} by
   * {@code next_cursor}.
   */
  private static List<JsonObject> listAll(ApiClient client, String username) throws Exception {
    List<JsonObject> photos = new ArrayList<>();
    String cursor = null;
    do {
      String path =
          "/v1/users/"
              + username
              + "/photos?limit=100"
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpResponse<byte[]> page = client.get(path);
      assertThat(page.statusCode()).as(path + ": " + text(page)).isEqualTo(200);
      JsonObject body = json(page);
      JsonArray items = body.getJsonArray("items");
      items.forEach(item -> photos.add((JsonObject) item));
      cursor = body.getString("next_cursor");
    } while (cursor != null);
    return photos;
  }
}
