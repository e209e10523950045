package io.picshare.batch.search;

import io.picshare.data.search.PhotoDocument;
import java.time.Duration;

/**
 * The documents a reindex did not write: those Solr stamped ({@code indexed_at}, by Solr's own
 * clock) more than {@code age} before now by Solr's clock, and those with no stamp at all. The age
 * is how long the run took by the driver's monotonic clock plus a margin, so the driver's wall
 * clock never matters and Solr's may drift by up to the margin during the run.
 */
record StaleDocuments(Duration age) {
  StaleDocuments {
    if (age.isNegative()) {
      throw new IllegalArgumentException("age is negative: " + age);
    }
  }

  /** Stale after a run of {@code elapsed} with {@code margin} for clock drift. */
  static StaleDocuments after(Duration elapsed, Duration margin) {
    return new StaleDocuments(elapsed.plus(margin));
  }

  /** The Lucene query matching them, for a delete-by-query or a filter. */
  String query() {
    return "*:* -" + PhotoDocument.INDEXED_AT + ":[NOW-" + age.toMillis() + "MILLIS TO *]";
  }
}
