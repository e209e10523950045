package io.picshare.api.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/** Brings a client library's {@link CompletionStage} back onto the calling Vert.x context. */
final class AsyncBridge {
  private AsyncBridge() {}

  static <T> Future<T> toFuture(CompletionStage<T> stage) {
    Context context = Vertx.currentContext();
    return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
  }
}
