package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An open {@code GET /v1/stream} WebSocket and the messages it received, in order. */
record LiveStream(WebSocket socket, BlockingQueue<JsonObject> messages) {
  /** Opens the stream of the API on {@code port} with {@code builder}'s token. */
  static LiveStream open(int port, WebSocket.Builder builder) {
    BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              messages.add(new JsonObject(text.toString()));
              text.setLength(0);
            }
            socket.request(1);
            return null;
          }
        };
    URI uri = URI.create("ws://127.0.0.1:" + port + "/v1/stream");
    return new LiveStream(builder.buildAsync(uri, listener).join(), messages);
  }

  JsonObject next() throws InterruptedException {
    return next(30);
  }

  JsonObject next(int seconds) throws InterruptedException {
    JsonObject message = messages.poll(seconds, TimeUnit.SECONDS);
    assertThat(message).as("a message within " + seconds + " s").isNotNull();
    return message;
  }

  /** Waits for {@code ready}: from then on every new event reaches this stream. */
  LiveStream ready() throws InterruptedException {
    assertThat(next().getString("type")).isEqualTo("ready");
    return this;
  }

  void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }
}
