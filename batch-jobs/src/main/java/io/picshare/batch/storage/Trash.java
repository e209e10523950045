package io.picshare.batch.storage;

import io.picshare.schema.blob.VolumePaths;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files no photo row names any more are not deleted at once but moved (renamed, so a read that
 * already opened one finishes) under {@code /picshare/trash/<minute>/}, keeping their path, and
 * deleted once that minute is older than the grace period. A reader that finds a file gone reads
 * the photo row again and follows it to the new location.
 */
final class Trash {
  private Trash() {}

  /** Moves {@code file} to the trash directory of {@code now}; false if it was gone already. */
  static boolean move(FileSystem fs, Path file, Instant now) throws IOException {
    Path target = new Path(VolumePaths.trash(now) + Path.getPathWithoutSchemeAndAuthority(file));
    fs.mkdirs(target.getParent());
    return fs.rename(file, target);
  }

  /** Deletes the trash directories older than {@code grace}; returns how many. */
  static int purge(FileSystem fs, Instant now, Duration grace) throws IOException {
    FileStatus[] minutes;
    try {
      minutes = fs.listStatus(new Path(VolumePaths.TRASH));
    } catch (FileNotFoundException e) {
      return 0;
    }
    int purged = 0;
    for (FileStatus minute : minutes) {
      Instant trashedAt;
      try {
        trashedAt = VolumePaths.trashedAt(minute.getPath().getName());
      } catch (DateTimeParseException e) {
        continue; // not ours
      }
      // the minute's last file may have been moved at its end
      if (!trashedAt.plus(Duration.ofMinutes(1)).plus(grace).isAfter(now) || grace.isZero()) {
        if (fs.delete(minute.getPath(), true)) {
          purged++;
        }
      }
    }
    return purged;
  }
}
