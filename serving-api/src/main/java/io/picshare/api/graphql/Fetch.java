package io.picshare.api.graphql;

import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;

/** A service's Vert.x future as the {@link CompletableFuture} graphql-java waits on. */
final class Fetch {
  private Fetch() {}

  static <T> CompletableFuture<T> of(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture();
  }
}
