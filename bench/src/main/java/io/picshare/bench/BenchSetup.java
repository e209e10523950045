package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The untimed steps before a benchmark: check that the API answers and is ready, make the JPEG
 * pool, sign up and log in the users, upload photos to download. Every failure is a {@link
 * SetupException} whose message is one line that says what to do.
 */
final class BenchSetup {
  /** Setup calls run a few at a time: enough to be quick, few enough for per-IP limits. */
  private static final int SETUP_CONCURRENCY = 4;

  private static final int MAX_ATTEMPTS = 6;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PicShareClient client;
  private final PrintWriter out;
  private final Random random;

  BenchSetup(PicShareClient client, PrintWriter out, Random random) {
    this.client = requireNonNull(client, "client is null");
    this.out = requireNonNull(out, "out is null");
    this.random = requireNonNull(random, "random is null");
  }

  void checkReady() {
    Reply reply = call("GET /health/ready", client::health);
    if (reply.status() == 503) {
      throw new SetupException(
          "the API at "
              + client.api()
              + " is not ready (503 from /health/ready: "
              + oneLine(reply.text())
              + "); wait until ./picshare up prints 'PicShare is ready'");
    }
    if (reply.status() != 200) {
      throw rejected("GET /health/ready", reply);
    }
  }

  List<byte[]> jpegs(int targetBytes, int count) {
    long started = System.nanoTime();
    List<byte[]> jpegs = new JpegFactory(targetBytes).pool(count, random.nextLong());
    IntSummary sizes = IntSummary.of(jpegs);
    out.printf(
        Locale.ROOT,
        "Generated %d distinct JPEGs of %d-%d bytes (target %d) in %.1f s%n",
        count,
        sizes.min(),
        sizes.max(),
        targetBytes,
        (System.nanoTime() - started) / 1e9);
    return jpegs;
  }

  List<BenchUser> users(int count) throws InterruptedException {
    long started = System.nanoTime();
    List<Callable<BenchUser>> signUps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String username = "bench_" + HexFormat.of().formatHex(randomBytes(4));
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
      signUps.add(() -> signUpAndLogIn(username, password));
    }
    List<BenchUser> users = runAll(signUps);
    out.printf(
        Locale.ROOT,
        "Signed up and logged in %d users (%s, ...) in %.1f s%n",
        count,
        users.get(0).username(),
        (System.nanoTime() - started) / 1e9);
    return users;
  }

  /** Logs existing users in (e.g. seeded ones, which share {@code password}), a few at a time. */
  List<BenchUser> logIn(List<String> usernames, String password) throws InterruptedException {
    long started = System.nanoTime();
    List<Callable<BenchUser>> logIns = new ArrayList<>();
    for (String username : usernames) {
      logIns.add(() -> logIn(username, password));
    }
    List<BenchUser> users = runAll(logIns);
    out.printf(
        Locale.ROOT,
        "Logged in %d users (%s, ...) in %.1f s%n",
        users.size(),
        users.get(0).username(),
        (System.nanoTime() - started) / 1e9);
    return users;
  }

  /** Uploads {@code count} photos, rotating over users and bodies; sizes are the JPEGs' lengths. */
  List<UploadedPhoto> uploadPhotos(
      List<BenchUser> users, List<MultipartBody> bodies, List<byte[]> jpegs, int count)
      throws InterruptedException {
    long started = System.nanoTime();
    AtomicInteger done = new AtomicInteger();
    List<Callable<UploadedPhoto>> uploads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BenchUser user = users.get(i % users.size());
      int image = i % bodies.size();
      uploads.add(
          () -> {
            Reply reply =
                call("POST /v1/photos", () -> client.uploadPhoto(user.token(), bodies.get(image)));
            if (reply.status() != 201) {
              throw rejected("POST /v1/photos", reply);
            }
            int finished = done.incrementAndGet();
            if (finished % 50 == 0 && finished < count) {
              out.printf("  %d/%d photos uploaded%n", finished, count);
            }
            return new UploadedPhoto(json(reply, "id"), jpegs.get(image).length, user.token());
          });
    }
    List<UploadedPhoto> photos = runAll(uploads);
    out.printf(
        Locale.ROOT,
        "Uploaded %d photos to download in %.1f s (untimed)%n",
        count,
        (System.nanoTime() - started) / 1e9);
    return photos;
  }

  /**
   * One setup request, waited for: a {@code 429} is retried after its {@code Retry-After}; an
   * unreachable API is a {@link SetupException}; any other status is returned.
   */
  Reply call(String what, Supplier<CompletableFuture<Reply>> request) {
    for (int attempt = 1; ; attempt++) {
      Reply reply;
      try {
        reply = request.get().get();
      } catch (ExecutionException e) {
        throw unreachable(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SetupException("interrupted during " + what);
      }
      if (reply.status() != 429 || attempt == MAX_ATTEMPTS) {
        return reply;
      }
      int seconds = retryAfterSeconds(reply);
      out.printf("  %s answered 429 (rate-limited); retrying in %d s%n", what, seconds);
      try {
        Thread.sleep(seconds * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SetupException("interrupted during " + what);
      }
    }
  }

  /**
   * The setup failure for an unexpected status, with a hint for the ones that have a likely cause.
   */
  static SetupException rejected(String what, Reply reply) {
    String hint =
        switch (reply.status()) {
          case 404 -> "; this API build does not serve that endpoint yet";
          case 429 ->
              "; still rate-limited after "
                  + MAX_ATTEMPTS
                  + " attempts: raise the server's limits"
                  + " (rate-limit-uploads-per-minute for uploads) or use more --users";
          default -> "";
        };
    return new SetupException(
        what + " answered " + reply.status() + ": " + oneLine(reply.text()) + hint);
  }

  static String json(Reply reply, String field) {
    try {
      JsonNode value = JSON.readTree(reply.text()).get(field);
      if (value == null || !value.isTextual()) {
        throw new SetupException(
            "the API's reply has no \"" + field + "\": " + oneLine(reply.text()));
      }
      return value.asText();
    } catch (IOException e) {
      throw new SetupException(
          "the API answered "
              + reply.status()
              + " with a body that is not JSON: "
              + oneLine(reply.text()));
    }
  }

  /** Signs a fresh user up and logs them in. */
  BenchUser signUpAndLogIn(String username, String password) {
    Reply signUp = call("POST /v1/users", () -> client.signUp(username, password));
    if (signUp.status() != 201) {
      throw rejected("POST /v1/users", signUp);
    }
    return logIn(username, password);
  }

  private BenchUser logIn(String username, String password) {
    Reply session = call("POST /v1/sessions", () -> client.logIn(username, password));
    if (session.status() != 201) {
      throw rejected("POST /v1/sessions", session);
    }
    return new BenchUser(username, json(session, "token"));
  }

  private SetupException unreachable(ExecutionException e) {
    Throwable cause = Outcome.unwrap(e);
    String reason =
        cause instanceof HttpConnectTimeoutException
            ? "connecting timed out"
            : cause instanceof ConnectException
                ? "connection refused"
                : cause instanceof HttpTimeoutException
                    ? "no answer in time"
                    : String.valueOf(cause);
    return new SetupException(
        "cannot reach the PicShare API at "
            + client.api()
            + " ("
            + reason
            + "); start it with ./picshare up, or point --api at a running one");
  }

  private <T> List<T> runAll(List<Callable<T>> tasks) throws InterruptedException {
    ExecutorService executor =
        Executors.newFixedThreadPool(
            SETUP_CONCURRENCY,
            runnable -> {
              Thread thread = new Thread(runnable, "bench-setup");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<T>> futures = new ArrayList<>();
      tasks.forEach(task -> futures.add(executor.submit(task)));
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException failure) {
            throw failure;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
      return List.copyOf(results);
    } finally {
      executor.shutdownNow();
    }
  }

  private byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private static int retryAfterSeconds(Reply reply) {
    try {
      return Math.max(1, Math.min(60, Integer.parseInt(reply.header("Retry-After").strip())));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    if (line.isEmpty()) {
      return "(empty body)";
    }
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private record IntSummary(int min, int max) {
    static IntSummary of(List<byte[]> items) {
      return new IntSummary(
          items.stream().mapToInt(item -> item.length).min().orElse(0),
          items.stream().mapToInt(item -> item.length).max().orElse(0));
    }
  }
}
