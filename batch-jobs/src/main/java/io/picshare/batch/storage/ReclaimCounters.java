package io.picshare.batch.storage;

/**
 * What {@link ReclaimJob} counted, in Hadoop counter group {@code
 * io.picshare.batch.storage.ReclaimCounters}. Never renamed: scripts and dashboards read them.
 */
public enum ReclaimCounters {
  /** Volumes some live row names. */
  VOLUMES_IN_USE,
  /** Volumes whose dead share passed the threshold: their live records rewritten. */
  VOLUMES_REWRITTEN,
  /** Volumes no live row names (all their photos deleted or moved): moved to trash. */
  VOLUMES_TRASHED,
  /** Records of live photos copied into new volumes. */
  RECORDS_MOVED,
  /** Bytes of volumes moved to trash: their dead records' and headers' bytes reclaimed. */
  BYTES_RECLAIMED,
  /** Records whose photo changed before its row could be switched: their old volume is kept. */
  MOVES_LOST,
  /** Photo rows that could not be read: skipped. */
  BAD_ROWS
}
