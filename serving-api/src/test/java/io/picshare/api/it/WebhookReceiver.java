package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for tests: a tiny HTTP server on loopback that records every request by path
 * and answers {@code 204}, or {@code 500} to the first requests of a path told to fail; and a
 * "black hole" that accepts connections and never answers. It verifies signatures the way
 * docs/webhooks.md tells receivers to, without the server's code.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request as received. */
  record Received(String path, Map<String, String> headers, byte[] body, Instant at) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonObject json() {
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    }

    /** Checks {@code PicShare-Signature} against {@code secret}, and that its time is now. */
    void assertSignedWith(String secret) throws Exception {
      String signature = header("PicShare-Signature");
      assertThat(signature).as("PicShare-Signature").matches("t=[0-9]+,v1=[0-9a-f]{64}");
      String t = signature.substring(2, signature.indexOf(','));
      String v1 = signature.substring(signature.indexOf("v1=") + 3);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(body);
      assertThat(MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1)))
          .as("the signature verifies")
          .isTrue();
      assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)))
          .as("t is within the 5-minute tolerance")
          .isLessThan(300);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final ServerSocket blackHole;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          Map<String, String> headers = new ConcurrentHashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
          String path = exchange.getRequestURI().getPath();
          received
              .computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
              .add(
                  new Received(
                      path, headers, exchange.getRequestBody().readAllBytes(), Instant.now()));
          AtomicInteger failures = failuresLeft.get(path);
          boolean fail = failures != null && failures.getAndDecrement() > 0;
          exchange.sendResponseHeaders(fail ? 500 : 204, -1);
          exchange.close();
        });
    server.start();
    blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(
        () -> {
          try {
            while (true) {
              held.add(blackHole.accept());
            }
          } catch (IOException closed) {
            return null;
          }
        });
  }

  /** The URL of {@code path} on this receiver. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** A URL that accepts connections and never answers. */
  String deadUrl(String path) {
    return "http://127.0.0.1:" + blackHole.getLocalPort() + path;
  }

  /** Answers the next {@code count} requests to {@code path} with {@code 500}. */
  void failFirst(String path, int count) {
    failuresLeft.put(path, new AtomicInteger(count));
  }

  List<Received> requests(String path) {
    return List.copyOf(received.getOrDefault(path, List.of()));
  }

  /**
   * Waits until {@code path} received requests matching {@code wanted}, {@code count} of them;
   * calls {@code nudge} (e.g. relaying the outbox) between looks. Returns the matching ones.
   */
  List<Received> await(
      String path, Predicate<Received> wanted, int count, Duration timeout, Runnable nudge)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Received> matching = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      matching = requests(path).stream().filter(wanted).toList();
      if (matching.size() >= count) {
        return matching;
      }
      nudge.run();
      Thread.sleep(100);
    }
    throw new AssertionError(
        path + ": " + matching.size() + " of " + count + " requests within " + timeout);
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    blackHole.close();
    for (Socket socket : held) {
      socket.close();
    }
    threads.shutdownNow();
  }
}
