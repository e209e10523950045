package io.picshare.api.http;

import io.picshare.api.domain.notify.Notice;
import io.picshare.api.domain.notify.NotificationHub;
import io.picshare.schema.id.PublicIds;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * One open {@code /v1/stream}: renders each notice as a JSON text message on the socket's event
 * loop, pings every heartbeat and closes a socket that has not answered for three, and closes a
 * socket that does not read fast enough (its write queue full) instead of buffering for it.
 */
final class LiveSocket implements NotificationHub.Subscriber {
  /** What a socket may have queued, unread by its client, before it is closed. */
  private static final int WRITE_QUEUE_BYTES = 64 * 1024;

  private static final short GOING_AWAY = 1001;
  private static final short POLICY_VIOLATION = 1008;

  private final Vertx vertx;
  private final Context context;
  private final NotificationHub hub;
  private final long userId;
  private final Duration heartbeat;
  private volatile ServerWebSocket socket;
  private volatile long lastHeardNanos = System.nanoTime();

  LiveSocket(Vertx vertx, NotificationHub hub, long userId, Duration heartbeat) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.hub = hub;
    this.userId = userId;
    this.heartbeat = heartbeat;
  }

  /** Starts serving the upgraded socket: heartbeats, then a {@code ready} message once live. */
  void attach(ServerWebSocket upgraded) {
    upgraded.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    upgraded.handler(ignored -> lastHeardNanos = System.nanoTime());
    upgraded.pongHandler(pong -> lastHeardNanos = System.nanoTime());
    long timer = vertx.setPeriodic(heartbeat.toMillis(), tick -> beat(upgraded));
    upgraded.closeHandler(
        closed -> {
          vertx.cancelTimer(timer);
          hub.leave(userId, this);
        });
    socket = upgraded;
    hub.whenLive()
        .onSuccess(live -> write(upgraded, new JsonObject().put("type", "ready").encode()));
  }

  @Override
  public void deliver(Notice notice) {
    ServerWebSocket open = socket;
    if (open != null) {
      String message = render(notice).encode();
      context.runOnContext(v -> write(open, message));
    }
  }

  @Override
  public void close() {
    ServerWebSocket open = socket;
    if (open != null) {
      context.runOnContext(v -> open.close(GOING_AWAY, "the server is stopping; reconnect"));
    }
  }

  private void write(ServerWebSocket open, String message) {
    if (open.isClosed()) {
      return;
    }
    if (open.writeQueueFull()) {
      hub.droppedSlowConnection();
      open.close(POLICY_VIOLATION, "too slow: notifications were not read");
      return;
    }
    open.writeTextMessage(message);
  }

  private void beat(ServerWebSocket open) {
    if (System.nanoTime() - lastHeardNanos > 3 * heartbeat.toNanos()) {
      open.close(GOING_AWAY, "no answer to pings");
    } else if (!open.isClosed()) {
      open.writePing(Buffer.buffer());
    }
  }

  static JsonObject render(Notice notice) {
    String actor = notice.actor().username();
    JsonObject message =
        new JsonObject()
            .put("type", notice.type().type())
            .put("occurred_at", notice.occurredAt())
            .put(
                "actor",
                new JsonObject()
                    .put("id", PublicIds.encode(notice.actor().id()))
                    .put("username", actor));
    notice
        .photo()
        .ifPresent(
            photo -> {
              String id = PublicIds.encode(photo.id());
              JsonObject json = new JsonObject().put("id", id).put("url", "/v1/photos/" + id);
              photo.title().ifPresent(title -> json.put("title", title));
              message.put("photo", json);
            });
    String text =
        switch (notice.type()) {
          case USER_FOLLOWED -> actor + " followed you";
          case PHOTO_LIKED -> actor + " liked your photo";
          case PHOTO_UPLOADED -> "new photo from " + actor;
        };
    return message.put("text", text);
  }
}
