package io.picshare.batch.backup;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which backups {@code --keep N} removes: of the finished backups, all but the newest {@code N};
 * unfinished ones older than the oldest kept (a backup still being written elsewhere is newer); and
 * the cluster's snapshots of every backup that is not kept and older than the newest kept one.
 */
public record BackupRetention(int keep) {
  public BackupRetention {
    if (keep < 1) {
      throw new IllegalArgumentException("--keep must be at least 1, was " + keep);
    }
  }

  /** The newest {@code keep} of {@code finished}. */
  public Set<BackupId> kept(Collection<BackupId> finished) {
    TreeSet<BackupId> newestFirst = new TreeSet<>(Comparator.reverseOrder());
    newestFirst.addAll(finished);
    return Set.copyOf(newestFirst.stream().limit(keep).toList());
  }

  /** The exported backups to delete, oldest first. */
  public List<BackupId> exportsToDelete(
      Collection<BackupId> finished, Collection<BackupId> unfinished) {
    Set<BackupId> kept = kept(finished);
    if (kept.isEmpty()) {
      return List.of();
    }
    BackupId oldestKept = new TreeSet<>(kept).first();
    TreeSet<BackupId> deleted = new TreeSet<>();
    finished.stream().filter(id -> !kept.contains(id)).forEach(deleted::add);
    unfinished.stream().filter(id -> id.compareTo(oldestKept) < 0).forEach(deleted::add);
    return List.copyOf(deleted);
  }

  /**
   * The backups whose cluster snapshots to delete, of those {@code snapshotted}, given the finished
   * exports: every one not kept and older than the newest kept backup.
   */
  public List<BackupId> snapshotsToDelete(
      Collection<BackupId> finished, Collection<BackupId> snapshotted) {
    Set<BackupId> kept = kept(finished);
    if (kept.isEmpty()) {
      return List.of();
    }
    BackupId newestKept = new TreeSet<>(kept).last();
    TreeSet<BackupId> deleted = new TreeSet<>();
    snapshotted.stream()
        .filter(id -> !kept.contains(id) && id.compareTo(newestKept) < 0)
        .forEach(deleted::add);
    return List.copyOf(deleted);
  }
}
