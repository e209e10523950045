package io.picshare.batch.storage;

import java.time.Duration;
import org.apache.hadoop.conf.Configuration;

/**
 * What one pack run does, carried to its tasks in the job configuration.
 *
 * @param cutoffMillis hours that ended before this are packed
 * @param volumeBytes a volume is sealed once it holds this many bytes (the last one of a task may
 *     hold fewer); a map task takes about this much input
 * @param orphanAge a file that no row names is trashed only if it is older than this (an upload
 *     writes its file before its row)
 */
public record PackSettings(long cutoffMillis, long volumeBytes, Duration orphanAge) {
  private static final String CUTOFF = "picshare.pack.cutoff.ms";
  private static final String VOLUME_BYTES = "picshare.pack.volume.bytes";
  private static final String ORPHAN_AGE = "picshare.pack.orphan.age.ms";

  public PackSettings {
    if (volumeBytes < 1) {
      throw new IllegalArgumentException("volumeBytes must be positive: " + volumeBytes);
    }
  }

  public void writeTo(Configuration conf) {
    conf.setLong(CUTOFF, cutoffMillis);
    conf.setLong(VOLUME_BYTES, volumeBytes);
    conf.setLong(ORPHAN_AGE, orphanAge.toMillis());
  }

  public static PackSettings from(Configuration conf) {
    return new PackSettings(
        conf.getLong(CUTOFF, -1),
        conf.getLong(VOLUME_BYTES, -1),
        Duration.ofMillis(conf.getLong(ORPHAN_AGE, -1)));
  }
}
