package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.storage.HdfsBlobStore;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.id.PublicIds;
import io.picshare.stack.StackEndpoints;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.BlockLocation;

/**
 * The clients of the storage fault tests (DataNode loss, region server restart), as apps that
 * retry: {@code clients} threads each upload their own photos one after another, every photo with
 * its own {@code Idempotency-Key}, and after any failed attempt (5xx, 429, 409 in progress,
 * connection error, timeout) send the SAME photo with the SAME key again, after a short backoff,
 * until it is acknowledged with 201 or {@code giveUpAfter} has passed. Any other 4xx ends that
 * photo as rejected. Every attempt is counted by outcome. The static checks hold a finished run to
 * the promise: every acknowledged photo is listed exactly once, downloads byte-identical, and a
 * replay of its key names the same photo. (The SIGTERM drain tests have their own helper; this one
 * is for faults of the storage cluster.)
 */
final class RetryingUploader implements AutoCloseable {
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
      long acknowledgedAtMillis) {}

  /** A photo that was never acknowledged: given up after the deadline, or rejected with a 4xx. */
  record Unacknowledged(String key, String title, int attempts, String lastOutcome) {}

  /**
   * One request: when it was sent and answered (epoch millis), and its outcome ("201", "503",
   * "timeout", ...).
   */
  record Attempt(long startedAtMillis, long endedAtMillis, String outcome) {
    boolean inFlightAt(long millis) {
      return startedAtMillis <= millis && endedAtMillis >= millis;
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
      return attempts.stream().filter(attempt -> !attempt.outcome().equals("201")).count();
    }

    long retriedPhotos() {
      return acknowledged.stream().filter(photo -> photo.attempts() > 1).count()
          + unacknowledged.stream().filter(photo -> photo.attempts() > 1).count();
    }

    long attemptsInFlightAt(long millis) {
      return attempts.stream().filter(attempt -> attempt.inFlightAt(millis)).count();
    }

    /** Attempts sent and acknowledged with 201 within [{@code fromMillis}, {@code toMillis}]. */
    long attemptsSentAndAcknowledgedBetween(long fromMillis, long toMillis) {
      return attempts.stream()
          .filter(attempt -> attempt.outcome().equals("201"))
          .filter(
              attempt ->
                  attempt.startedAtMillis() >= fromMillis && attempt.endedAtMillis() <= toMillis)
          .count();
    }

    long acknowledgedBetween(long fromMillis, long toMillis) {
      return acknowledged.stream()
          .filter(
              photo ->
                  photo.acknowledgedAtMillis() >= fromMillis
                      && photo.acknowledgedAtMillis() <= toMillis)
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

  private final ApiClient client;
  private final String token;
  private final int clients;
  private final Duration giveUpAfter;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final ExecutorService threads;
  private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Unacknowledged> unacknowledged =
      new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final AtomicInteger acknowledgedCount = new AtomicInteger();
  private volatile boolean stopping;

  private RetryingUploader(ApiClient client, String token, int clients, Duration giveUpAfter) {
    this.client = requireNonNull(client, "client is null");
    this.token = requireNonNull(token, "token is null");
    this.clients = clients;
    this.giveUpAfter = requireNonNull(giveUpAfter, "giveUpAfter is null");
    this.threads = Executors.newFixedThreadPool(clients);
  }

  /** Starts {@code clients} uploading as {@code token}'s user until {@link #finish}. */
  static RetryingUploader start(ApiClient client, String token, int clients, Duration giveUpAfter) {
    RetryingUploader uploader = new RetryingUploader(client, token, clients, giveUpAfter);
    for (int i = 0; i < clients; i++) {
      int clientNumber = i;
      uploader.threads.execute(() -> uploader.uploadUntilStopped(clientNumber));
    }
    return uploader;
  }

  /**
   * The API for a fault test: all clients upload from one address, far past the default per-address
   * rate limit.
   */
  static ApiConfig apiConfig(StackEndpoints stack) {
    return StackConfigs.api(stack, Map.of("rate-limit-uploads-per-client-per-minute", "1000000"));
  }

  int acknowledgedCount() {
    return acknowledgedCount.get();
  }

  /** The photos acknowledged so far. */
  List<Acknowledged> acknowledgedSoFar() {
    return List.copyOf(acknowledged);
  }

  /**
   * Lets the clients upload for {@code duration}, then until {@code clients} more photos are
   * acknowledged.
   */
  void keepUploading(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
    awaitAcknowledged(acknowledgedCount() + clients, Duration.ofSeconds(120));
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
      Thread.sleep(50);
    }
  }

  /**
   * Starts no new photo, lets every client finish the photo it is on (acknowledged, rejected or
   * given up), and returns what the run did.
   */
  Outcome finish() throws InterruptedException {
    stopping = true;
    threads.shutdown();
    if (!threads.awaitTermination(
        giveUpAfter.plus(ATTEMPT_TIMEOUT).plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the upload clients did not finish");
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
    for (int sequence = 0; !stopping; sequence++) {
      String key = "fault-" + runId + "-c" + clientNumber + "-p" + sequence;
      String title = "fault test photo c" + clientNumber + " p" + sequence;
      byte[] photo = TestPhotos.jpeg(320, 240, clientNumber * 1_000_000L + sequence);
      if (!uploadUntilAcknowledged(key, title, photo)) {
        return;
      }
    }
  }

  /** Returns false if the client should stop (interrupted). */
  private boolean uploadUntilAcknowledged(String key, String title, byte[] photo) {
    long deadline = System.nanoTime() + giveUpAfter.toNanos();
    long backoff = FIRST_BACKOFF_MILLIS;
    String outcome = "none";
    for (int attempt = 1; ; attempt++) {
      long started = System.currentTimeMillis();
      HttpResponse<byte[]> response = null;
      try {
        response =
            client.send(
                client
                    .uploadRequest(token, photo, title, Map.of("Idempotency-Key", key))
                    .timeout(ATTEMPT_TIMEOUT));
        outcome = Integer.toString(response.statusCode());
      } catch (HttpTimeoutException e) {
        outcome = "timeout";
      } catch (IOException e) {
        outcome = "connection-error";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception e) {
        outcome = e.getClass().getSimpleName();
      }
      long ended = System.currentTimeMillis();
      attempts.add(new Attempt(started, ended, outcome));
      if (response != null && response.statusCode() == 201) {
        acknowledged.add(
            new Acknowledged(key, title, json(response).getString("id"), photo, attempt, ended));
        acknowledgedCount.incrementAndGet();
        return true;
      }
      if (response != null && !retryable(response.statusCode())) {
        unacknowledged.add(new Unacknowledged(key, title, attempt, outcome + " " + text(response)));
        return true;
      }
      if (System.nanoTime() > deadline) {
        unacknowledged.add(new Unacknowledged(key, title, attempt, "gave up after " + outcome));
        return true;
      }
      try {
        Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
    }
  }

  private static boolean retryable(int status) {
    return status >= 500 || status == 409 || status == 429;
  }

  /**
   * Every photo of {@code username}, paging through {@code GET /v1/users/{u}/photos?limit=100} by
   * {@code next_cursor}.
   */
  static List<JsonObject> listAll(ApiClient client, String username) throws Exception {
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

  /**
   * The promise of every 201: {@code username}'s listing holds each acknowledged photo exactly once
   * and nothing else (no second photo for a retried key), each under its own title, and each
   * downloads byte-identical.
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
      HttpResponse<byte[]> content = client.get("/v1/photos/" + photo.photoId() + "/content");
      assertThat(content.statusCode()).as(photo.key() + " content").isEqualTo(200);
      assertThat(content.body()).as(photo.key() + " bytes").isEqualTo(photo.bytes());
    }
  }

  /**
   * Every block of each acknowledged photo's file is on {@code replicas} distinct DataNodes
   * (host:port).
   */
  static void assertFullyReplicated(
      HdfsBlobStore blobs, Collection<Acknowledged> acknowledged, int replicas) throws Exception {
    for (Acknowledged photo : acknowledged) {
      String path = PhotoPaths.incoming(PublicIds.decode(photo.photoId()).orElseThrow(), "jpg");
      BlockLocation[] blocks = blobs.blockLocations(path).await(30, TimeUnit.SECONDS);
      assertThat(blocks).as(path).isNotEmpty();
      for (BlockLocation block : blocks) {
        assertThat(Arrays.stream(block.getNames()).distinct().count())
            .as(path + " replicas")
            .isEqualTo(replicas);
      }
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
}
