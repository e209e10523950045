package io.picshare.batch.storage;

/**
 * What {@link PackJob} counted, in Hadoop counter group {@code
 * io.picshare.batch.storage.PackCounters}. Never renamed: scripts and dashboards read them.
 */
public enum PackCounters {
  /** Upload hours (an {@code incoming/} and a {@code renditions/} directory each) processed. */
  HOURS,
  /** Files found in those directories. */
  FILES,
  /** Originals appended to a volume and moved there (their row now names the volume). */
  ORIGINALS_PACKED,
  /** Rendition files appended to a volume and moved there. */
  RENDITIONS_PACKED,
  /** Bytes of the photos moved into volumes. */
  BYTES_PACKED,
  /** Volumes written, verified and sealed. */
  VOLUMES,
  /**
   * Files appended to a volume whose photo was deleted or moved before its row could be switched
   * over (compare-and-set lost): the record is dead space, the file is left to the next run.
   */
  MOVES_LOST,
  /**
   * Files no live photo row names (deleted photos, failed uploads, packed files) moved to trash.
   */
  ORPHANS_TRASHED,
  /** Bytes of those files. */
  ORPHAN_BYTES_TRASHED,
  /** Files no row names yet that are too young to be orphans (an upload may be committing). */
  YOUNG_FILES_KEPT,
  /** Files whose name names no photo: left alone, and logged. */
  BAD_FILES,
  /** Empty hour directories removed. */
  DIRECTORIES_REMOVED
}
