package io.picshare.api.domain.search;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The search index of photo titles, as the domain needs it (the Solr adapter implements it). It may
 * lag behind HBase and may still hold deleted photos: callers check hits against the store.
 */
public interface PhotoIndex {
  /** A photo whose title matched. */
  record Hit(long photoId, long ownerId) {}

  /**
   * One page of hits, best first, and the position after it if there may be more.
   *
   * @param next an opaque position to pass back as {@code after}
   */
  record Hits(List<Hit> hits, Optional<String> next) {
    public Hits {
      hits = List.copyOf(hits);
    }
  }

  /**
   * Up to {@code limit} photos whose title has every word of {@code words}, by relevance then
   * newest first, after the position {@code after} (from an earlier {@link Hits#next}) if given.
   * Fails with {@link io.picshare.api.domain.error.PicShareException} {@code VALIDATION_FAILED} for
   * a position it cannot read, {@code SERVICE_UNAVAILABLE} when the index does not answer.
   */
  Future<Hits> search(String words, int limit, Optional<String> after);
}
