package io.picshare.api.domain;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/**
 * Brings a store's or client library's {@link CompletionStage} back onto the calling Vert.x
 * context.
 */
public final class Async {
  private Async() {}

  public static <T> Future<T> of(CompletionStage<T> stage) {
    Context context = Vertx.currentContext();
    return context == null
        ? Future.fromCompletionStage(stage)
        : Future.fromCompletionStage(stage, context);
  }
}
