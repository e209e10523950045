package io.picshare.batch.backup;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.hbase.TableName;

/**
 * The name of one backup: {@code picshare-<yyyyMMdd-HHmmss>}, the UTC second it started. Ids sort
 * by time as strings do. Each table's snapshot is named {@code <id>-<table qualifier>}, e.g. {@code
 * picshare-20261202-030000-photos} for {@code picshare:photos}, so the cluster's snapshots of one
 * backup are found by their prefix.
 */
public record BackupId(String value) implements Comparable<BackupId> {
  private static final String PREFIX = "picshare-";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final Pattern ID = Pattern.compile("picshare-(\\d{8}-\\d{6})");
  private static final Pattern SNAPSHOT = Pattern.compile("(picshare-\\d{8}-\\d{6})-(.+)");

  public BackupId {
    requireNonNull(value, "value is null");
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a backup id is picshare-yyyyMMdd-HHmmss, e.g. picshare-20261202-030000; was: " + value);
    }
  }

  /** The id of a backup started at {@code started} (truncated to the second, UTC). */
  public static BackupId startedAt(Instant started) {
    return new BackupId(
        PREFIX
            + TIME.format(
                LocalDateTime.ofInstant(started.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC)));
  }

  /** The id if {@code name} is one (a directory of the backup target, say). */
  public static Optional<BackupId> parse(String name) {
    return ID.matcher(name).matches() ? Optional.of(new BackupId(name)) : Optional.empty();
  }

  /** The backup a cluster snapshot belongs to, if its name is a backup's snapshot name. */
  public static Optional<BackupId> ofSnapshot(String snapshotName) {
    Matcher matcher = SNAPSHOT.matcher(snapshotName);
    return matcher.matches() ? Optional.of(new BackupId(matcher.group(1))) : Optional.empty();
  }

  /** When the backup started. */
  public Instant started() {
    return LocalDateTime.parse(value.substring(PREFIX.length()), TIME).toInstant(ZoneOffset.UTC);
  }

  /** The name of this backup's snapshot of {@code table}. */
  public String snapshotName(TableName table) {
    return value + "-" + table.getQualifierAsString();
  }

  @Override
  public int compareTo(BackupId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
