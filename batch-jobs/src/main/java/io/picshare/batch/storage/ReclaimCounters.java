package io.picshare.batch.storage;

/**
 * What {@link RebalanceJob} counted, in Hadoop counter group {@code
 * io.picshare.batch.storage.ReclaimCounters}. Never renamed: scripts and dashboards read them.
 */
public enum ReclaimCounters {
  /** Volumes some live row names. */
  VOLUMES_IN_USE,
  /** Volumes whose dead share passed the threshold: their live records rewritten. */
  VOLUMES_REWRITTEN,
  /** Hot volumes sealed before the cold cutoff: their live records rewritten into the cold tier. */
  VOLUMES_COOLED,
  /** Volumes no live row names (all their photos deleted or moved): moved to trash. */
  VOLUMES_TRASHED,
  /** Records of live photos copied into new volumes. */
  RECORDS_MOVED,
  /** Bytes of the volumes moved to trash (dead, rewritten or moved to the cold tier). */
  BYTES_RECLAIMED,
  /** Records whose photo changed before its row could be switched: their old volume is kept. */
  MOVES_LOST,
  /** Photo rows that could not be read: skipped. */
  BAD_ROWS
}
