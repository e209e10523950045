package io.picshare.schema.blob;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Where volumes and trash live in HDFS (docs/storage-format.md): a volume is written under {@code
 * pending/<job id>/}, and renamed to {@code hot/<yyyy>/<MM>/<dd>/<volume id>.vol} once it is closed
 * and verified, before any photo row names it. A cold volume (erasure-coded, on ARCHIVE storage) is
 * written under {@code pending-cold/<job id>/} and sealed as {@code cold/<yyyy>/<MM>/<dd>/<volume
 * id>.vol}: both directories carry the cold tier's policies, since a file is erasure-coded only if
 * it is created in such a directory. Files nothing names any more go to {@code
 * /picshare/trash/<yyyyMMdd-HHmm>/} (the minute they were moved there) and are deleted after the
 * grace period.
 */
public final class VolumePaths {
  public static final String ROOT = PhotoPaths.ROOT + "/volumes";
  public static final String PENDING = ROOT + "/pending";
  public static final String HOT = ROOT + "/hot";
  public static final String PENDING_COLD = ROOT + "/pending-cold";
  public static final String COLD = ROOT + "/cold";
  public static final String TRASH = "/picshare/trash";
  public static final String EXTENSION = ".vol";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");
  private static final DateTimeFormatter MINUTE = MINUTE_NAME.withZone(ZoneOffset.UTC);

  private VolumePaths() {}

  /** The directory a job's tasks write their unfinished volumes in. */
  public static String pending(String jobId) {
    return PENDING + "/" + jobId;
  }

  /** The directory a job's tasks write their unfinished cold volumes in. */
  public static String pendingCold(String jobId) {
    return PENDING_COLD + "/" + jobId;
  }

  /** Where a volume sealed at {@code sealedAt} lives. */
  public static String hot(UUID volumeId, Instant sealedAt) {
    return HOT + "/" + DAY.format(sealedAt) + "/" + volumeId + EXTENSION;
  }

  /** Where a cold volume sealed at {@code sealedAt} lives. */
  public static String cold(UUID volumeId, Instant sealedAt) {
    return COLD + "/" + DAY.format(sealedAt) + "/" + volumeId + EXTENSION;
  }

  /** Whether {@code path} is a sealed volume of the cold tier. */
  public static boolean isCold(String path) {
    return path.startsWith(COLD + "/") && path.endsWith(EXTENSION);
  }

  /** Whether {@code path} is a volume (rather than a file of one photo). */
  public static boolean isVolume(String path) {
    return path.startsWith(ROOT + "/") && path.endsWith(EXTENSION);
  }

  /** The trash directory for files moved there at {@code at}. */
  public static String trash(Instant at) {
    return TRASH + "/" + MINUTE.format(at);
  }

  /** When files in trash directory {@code name} (its last path element) were moved there. */
  public static Instant trashedAt(String name) {
    return LocalDateTime.parse(name, MINUTE_NAME).toInstant(ZoneOffset.UTC);
  }
}
