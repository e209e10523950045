package io.picshare.api.workers.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.picshare.api.domain.webhook.TargetPolicy;
import io.picshare.api.domain.webhook.WebhookSignature;
import io.picshare.api.domain.webhook.WebhookTarget;
import io.picshare.schema.record.DeliveryAttempt;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One attempt against a real HTTP server on loopback. */
class WebhookSenderTest {
  private static final byte[] BODY =
      "{\"event_id\":\"ABat8Vaq4R4\",\"type\":\"photo-uploaded\"}".getBytes(StandardCharsets.UTF_8);

  private final Vertx vertx = Vertx.vertx();
  private final Map<String, String> headers = new ConcurrentHashMap<>();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private HttpServer receiver;
  private WebhookSender sender;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/ok",
        exchange -> {
          exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
          bodies.add(exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.createContext(
        "/moved",
        exchange -> {
          bodies.add(exchange.getRequestBody().readAllBytes());
          exchange.getResponseHeaders().add("Location", "/ok");
          exchange.sendResponseHeaders(307, -1);
          exchange.close();
        });
    receiver.start();
    sender =
        new WebhookSender(
            vertx, Clock.systemUTC(), Duration.ofMillis(500), Duration.ofMillis(800), 4, 2);
  }

  @AfterEach
  void stop() {
    sender.close();
    receiver.stop(0);
    vertx.close();
  }

  private DeliveryAttempt send(String path, boolean allowPrivate) throws Exception {
    WebhookTarget target =
        WebhookTarget.parse("http://127.0.0.1:" + receiver.getAddress().getPort() + path);
    return send(target, allowPrivate);
  }

  private DeliveryAttempt send(WebhookTarget target, boolean allowPrivate) throws Exception {
    return sender
        .send(
            new WebhookSender.Request(
                1,
                target,
                new TargetPolicy(allowPrivate),
                "whsec_test",
                "photo-uploaded",
                "ABat8Vaq4R4EeSHx78RlTN",
                BODY))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void postsTheSignedBodyWithItsHeaders() throws Exception {
    long before = System.currentTimeMillis() / 1000;
    DeliveryAttempt attempt = send("/ok", true);

    assertThat(attempt.succeeded()).as(attempt.error()).isTrue();
    assertThat(attempt.statusCode()).isEqualTo(204);
    assertThat(attempt.error()).isEmpty();
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0)).isEqualTo(BODY);
    assertThat(headers)
        .containsEntry("Content-type", "application/json")
        .containsEntry("Picshare-event", "photo-uploaded")
        .containsEntry("Picshare-delivery", "ABat8Vaq4R4EeSHx78RlTN")
        .containsEntry("User-agent", WebhookSender.USER_AGENT)
        .containsEntry("Host", "127.0.0.1:" + receiver.getAddress().getPort());
    String signature = headers.get("Picshare-signature");
    long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
    assertThat(t).isBetween(before, before + 5);
    assertThat(signature).isEqualTo(WebhookSignature.header("whsec_test", t, BODY));
  }

  @Test
  void refusesAPrivateTargetAtDeliveryTimeWithoutConnecting() throws Exception {
    DeliveryAttempt attempt = send("/ok", false);

    assertThat(attempt.succeeded()).isFalse();
    assertThat(attempt.statusCode()).isZero();
    assertThat(attempt.error()).startsWith("refused:").contains("loopback");
    assertThat(bodies).isEmpty();
  }

  @Test
  void doesNotFollowRedirects() throws Exception {
    DeliveryAttempt attempt = send("/moved", true);

    assertThat(attempt.succeeded()).isFalse();
    assertThat(attempt.statusCode()).isEqualTo(307);
    assertThat(attempt.error()).contains("redirects are not followed");
    assertThat(bodies).as("only the first request").hasSize(1);
    assertThat(headers).isEmpty();
  }

  @Test
  void givesUpOnAReceiverThatNeverAnswersAtTheTotalTimeout() throws Exception {
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(blackHole.accept());
                  }
                } catch (Exception closed) {
                  // the test is over
                }
              });
      acceptor.start();
      long started = System.nanoTime();

      DeliveryAttempt attempt =
          send(WebhookTarget.parse("http://127.0.0.1:" + blackHole.getLocalPort() + "/"), true);

      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(attempt.succeeded()).isFalse();
      assertThat(attempt.statusCode()).isZero();
      assertThat(attempt.error()).contains("timed out");
      assertThat(millis).isBetween(700L, 3_000L);
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void aConnectionRefusedIsAFailedAttempt() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    DeliveryAttempt attempt =
        send(WebhookTarget.parse("http://127.0.0.1:" + closedPort + "/"), true);

    assertThat(attempt.succeeded()).isFalse();
    assertThat(attempt.statusCode()).isZero();
    assertThat(attempt.error()).isNotEmpty();
  }
}
