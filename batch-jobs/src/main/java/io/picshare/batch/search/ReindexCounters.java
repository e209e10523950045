package io.picshare.batch.search;

/**
 * What {@link ReindexJob} counted, in Hadoop counter group {@code
 * io.picshare.batch.search.ReindexCounters}. Never renamed: scripts and dashboards read them.
 */
public enum ReindexCounters {
  /** Rows of {@code picshare:photos} the map tasks read. */
  PHOTOS_READ,
  /** Photo documents sent to Solr (added or replaced). */
  DOCUMENTS_WRITTEN,
  /**
   * Photo rows without a committed photo ({@code m:sh}) or marked deleted ({@code m:x}): no
   * document.
   */
  DELETED_PHOTOS_SKIPPED,
  /** Rows that could not be read (malformed key or cell): skipped, no document. */
  BAD_ROWS,
  /** Documents Solr held that the run did not write (stamped before it started): deleted. */
  STALE_DOCUMENTS_REMOVED
}
