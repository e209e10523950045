package io.picshare.batch.storage;

import io.picshare.schema.blob.PhotoPaths;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The upload hours that have small files ({@code incoming/} and {@code renditions/} share the
 * {@code yyyy/MM/dd/HH} layout of {@link PhotoPaths}), and how many bytes each holds.
 */
final class UploadHours {
  static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH");
  static final List<String> ROOTS = List.of(PhotoPaths.INCOMING, PhotoPaths.RENDITIONS);

  private UploadHours() {}

  /** Hours that ended at or before {@code cutoffMillis}, oldest first, with their bytes. */
  static Map<String, Long> endedBy(FileSystem fs, long cutoffMillis) throws IOException {
    Map<String, Long> hours = new TreeMap<>();
    for (String root : ROOTS) {
      for (String hour : hoursUnder(fs, new Path(root))) {
        if (endMillis(hour) <= cutoffMillis) {
          long bytes = fs.getContentSummary(new Path(root, hour)).getLength();
          hours.merge(hour, bytes, Long::sum);
        }
      }
    }
    return hours;
  }

  /** The hour's directory under {@code root}. */
  static Path directory(String root, String hour) {
    return new Path(root, hour);
  }

  static long endMillis(String hour) {
    return LocalDateTime.parse(hour + ":00", DateTimeFormatter.ofPattern("yyyy/MM/dd/HH:mm"))
            .toInstant(ZoneOffset.UTC)
            .toEpochMilli()
        + 3_600_000L;
  }

  private static List<String> hoursUnder(FileSystem fs, Path root) throws IOException {
    List<String> found = new ArrayList<>();
    for (FileStatus year : list(fs, root)) {
      for (FileStatus month : list(fs, year.getPath())) {
        for (FileStatus day : list(fs, month.getPath())) {
          for (FileStatus hour : list(fs, day.getPath())) {
            String name =
                year.getPath().getName()
                    + "/"
                    + month.getPath().getName()
                    + "/"
                    + day.getPath().getName()
                    + "/"
                    + hour.getPath().getName();
            if (isHour(name)) {
              found.add(name);
            }
          }
        }
      }
    }
    return found;
  }

  private static boolean isHour(String name) {
    try {
      endMillis(name);
      return name.length() == "yyyy/MM/dd/HH".length();
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static List<FileStatus> list(FileSystem fs, Path directory) throws IOException {
    try {
      List<FileStatus> directories = new ArrayList<>();
      for (FileStatus status : fs.listStatus(directory)) {
        if (status.isDirectory()) {
          directories.add(status);
        }
      }
      return directories;
    } catch (FileNotFoundException e) {
      return List.of();
    }
  }
}
