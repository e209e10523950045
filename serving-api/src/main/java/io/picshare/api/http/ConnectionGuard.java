package io.picshare.api.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps the connections of one API instance bounded: beyond {@code maxConnections} a new connection
 * is closed at once, and a connection that does not deliver a complete request head within {@code
 * headerTimeout} of opening, or of its previous response, is closed — slow ("slowloris") heads and
 * idle keep-alive connections alike, so idle sockets cannot hold every slot. One guard serves every
 * server (event loop) of an instance: install it as each server's connection handler and {@link
 * #requestStarted} as the first route of each router.
 */
public final class ConnectionGuard implements Handler<HttpConnection> {
  private final Vertx vertx;
  private final int maxConnections;
  private final long headerTimeoutMillis;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<HttpConnection, Waiting> connections = new ConcurrentHashMap<>();
  private final LongAdder refused = new LongAdder();
  private final LongAdder timedOut = new LongAdder();

  public ConnectionGuard(Vertx vertx, int maxConnections, Duration headerTimeout) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.maxConnections = maxConnections;
    this.headerTimeoutMillis = headerTimeout.toMillis();
  }

  /** Guards every connection of {@code server}; {@code openOnServer} counts the ones it holds. */
  public void guard(HttpServer server, AtomicInteger openOnServer) {
    server.connectionHandler(connection -> accept(connection, openOnServer));
  }

  @Override
  public void handle(HttpConnection connection) {
    accept(connection, new AtomicInteger());
  }

  private void accept(HttpConnection connection, AtomicInteger openOnServer) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      refused.increment();
      connection.close();
      return;
    }
    Waiting waiting = new Waiting(connection);
    connections.put(connection, waiting);
    openOnServer.incrementAndGet();
    connection.closeHandler(
        closed -> {
          open.decrementAndGet();
          openOnServer.decrementAndGet();
          Waiting gone = connections.remove(connection);
          if (gone != null) {
            gone.closed();
          }
        });
    waiting.awaitHead();
  }

  /**
   * The first route handler: a request head has arrived, so the head timer stops until its response
   * ends.
   */
  void requestStarted(RoutingContext ctx) {
    Waiting waiting = connections.get(ctx.request().connection());
    if (waiting != null) {
      waiting.requestStarted();
      ctx.addEndHandler(ended -> waiting.requestEnded());
    }
    ctx.next();
  }

  /** Connections closed at once because {@code max-connections} were open. */
  public long refusedConnections() {
    return refused.sum();
  }

  /** Connections closed because no complete request head arrived in time. */
  public long headTimeouts() {
    return timedOut.sum();
  }

  /** One connection's head timer; touched only on the connection's event loop. */
  private final class Waiting {
    private final HttpConnection connection;
    private int requestsInFlight;
    private long timer = -1;
    private boolean closed;

    Waiting(HttpConnection connection) {
      this.connection = connection;
    }

    void awaitHead() {
      cancel();
      if (closed) {
        return;
      }
      timer =
          vertx.setTimer(
              headerTimeoutMillis,
              fired -> {
                timer = -1;
                if (requestsInFlight == 0 && !closed) {
                  timedOut.increment();
                  connection.close();
                }
              });
    }

    void requestStarted() {
      requestsInFlight++;
      cancel();
    }

    void requestEnded() {
      if (--requestsInFlight == 0) {
        awaitHead();
      }
    }

    void closed() {
      closed = true;
      cancel();
    }

    private void cancel() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
