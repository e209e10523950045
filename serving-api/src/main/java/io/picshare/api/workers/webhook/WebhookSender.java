package io.picshare.api.workers.webhook;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.webhook.TargetPolicy;
import io.picshare.api.domain.webhook.WebhookSignature;
import io.picshare.api.domain.webhook.WebhookTarget;
import io.picshare.schema.record.DeliveryAttempt;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes one delivery attempt: resolves the target's host and checks every address ({@link
 * TargetPolicy}) on a small worker pool, then POSTs the signed body with Vert.x's asynchronous
 * client <em>to the address it checked</em> (the URL's host goes only into {@code Host}, SNI and
 * certificate verification), within a connect timeout and a total timeout, never following a
 * redirect, reading at most {@value #MAX_RESPONSE_BYTES} bytes of the answer. It never fails: what
 * went wrong is in the {@link DeliveryAttempt} it returns.
 */
public final class WebhookSender implements AutoCloseable {
  static final String USER_AGENT = "PicShare-Webhooks/1";
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  /** One attempt to make: where to, signed with what, and what to send. */
  public record Request(
      int attempt,
      WebhookTarget target,
      TargetPolicy policy,
      String secret,
      String eventType,
      String deliveryId,
      byte[] body) {
    public Request {
      requireNonNull(target, "target is null");
      requireNonNull(policy, "policy is null");
      requireNonNull(secret, "secret is null");
      requireNonNull(eventType, "eventType is null");
      requireNonNull(deliveryId, "deliveryId is null");
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final WorkerExecutor resolvers;
  private final Clock clock;
  private final Duration connectTimeout;
  private final Duration timeout;

  public WebhookSender(
      Vertx vertx,
      Clock clock,
      Duration connectTimeout,
      Duration timeout,
      int connectionsPerTarget,
      int resolverThreads) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setVerifyHost(true)
                .setForceSni(true)
                .setDecompressionSupported(false)
                .setConnectTimeout((int) connectTimeout.toMillis()),
            new PoolOptions().setHttp1MaxSize(connectionsPerTarget));
    this.resolvers = vertx.createSharedWorkerExecutor("webhook-dns", resolverThreads);
  }

  /** Makes the attempt; the future always succeeds. */
  public Future<DeliveryAttempt> send(Request request) {
    long started = clock.millis();
    long startedNanos = System.nanoTime();
    return resolvers
        .executeBlocking(() -> request.policy().check(request.target()), false)
        .timeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .compose(addresses -> post(request, addresses, started))
        .transform(
            done -> {
              int millis = (int) ((System.nanoTime() - startedNanos) / 1_000_000);
              if (done.succeeded()) {
                int status = done.result();
                String error =
                    status >= 200 && status < 300
                        ? ""
                        : status >= 300 && status < 400
                            ? "HTTP " + status + " (redirects are not followed)"
                            : "HTTP " + status;
                return Future.succeededFuture(
                    new DeliveryAttempt(request.attempt(), started, millis, status, error));
              }
              return Future.succeededFuture(
                  new DeliveryAttempt(
                      request.attempt(), started, millis, 0, describe(done.cause())));
            });
  }

  private Future<Integer> post(Request request, List<InetAddress> addresses, long startedMillis) {
    WebhookTarget target = request.target();
    InetAddress address = addresses.get(0);
    byte[] body = request.body();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
            .setHost(target.host())
            .setPort(target.port())
            .setSsl(target.https())
            .setURI(target.requestUri())
            .setFollowRedirects(false)
            .setConnectTimeout(connectTimeout.toMillis())
            .setIdleTimeout(timeout.toMillis() + 1_000)
            .putHeader("Content-Type", "application/json")
            .putHeader("User-Agent", USER_AGENT)
            .putHeader("PicShare-Event", request.eventType())
            .putHeader("PicShare-Delivery", request.deliveryId())
            .putHeader(
                "PicShare-Signature",
                WebhookSignature.header(request.secret(), startedMillis / 1000, body));
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    Promise<Integer> outcome = Promise.promise();
    long deadline =
        vertx.setTimer(
            timeout.toMillis(),
            id -> {
              if (outcome.tryFail(
                      new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                  && sent.get() != null) {
                sent.get().reset();
              }
            });
    client
        .request(options)
        .compose(
            http -> {
              sent.set(http);
              return http.send(Buffer.buffer(body));
            })
        .compose(
            response -> {
              int status = response.statusCode();
              int[] received = {0};
              response.handler(
                  chunk -> {
                    received[0] += chunk.length();
                    if (received[0] > MAX_RESPONSE_BYTES) {
                      response.request().reset();
                    }
                  });
              return response.end().transform(ended -> Future.succeededFuture(status));
            })
        .onComplete(
            done -> {
              vertx.cancelTimer(deadline);
              if (done.succeeded()) {
                outcome.tryComplete(done.result());
              } else {
                outcome.tryFail(done.cause());
              }
            });
    return outcome.future();
  }

  private static String describe(Throwable failure) {
    if (failure instanceof PicShareException refused) {
      return "refused: " + refused.getMessage();
    }
    if (failure instanceof TimeoutException) {
      return failure.getMessage() == null ? "timed out" : "timed out: " + failure.getMessage();
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    client.close();
    resolvers.close();
  }
}
