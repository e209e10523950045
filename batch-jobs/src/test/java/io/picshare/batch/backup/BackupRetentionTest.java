package io.picshare.batch.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackupRetentionTest {
  private static final BackupId DAY1 = new BackupId("picshare-20261201-030000");
  private static final BackupId DAY2 = new BackupId("picshare-20261202-030000");
  private static final BackupId DAY2_RETRY = new BackupId("picshare-20261202-093000");
  private static final BackupId DAY3 = new BackupId("picshare-20261203-030000");
  private static final BackupId DAY4 = new BackupId("picshare-20261204-030000");

  @Test
  void keepsTheNewestFinishedBackups() {
    BackupRetention keepTwo = new BackupRetention(2);
    assertThat(keepTwo.kept(List.of(DAY3, DAY1, DAY2))).containsExactlyInAnyOrder(DAY2, DAY3);
    assertThat(keepTwo.exportsToDelete(List.of(DAY3, DAY1, DAY2), List.of())).containsExactly(DAY1);
    assertThat(keepTwo.exportsToDelete(List.of(DAY1, DAY2), List.of())).isEmpty();
  }

  @Test
  void removesUnfinishedBackupsOlderThanTheOldestKeptOnly() {
    BackupRetention keepTwo = new BackupRetention(2);
    // DAY2's failed run at 03:00 is older than every kept backup; DAY4 may still be running.
    assertThat(keepTwo.exportsToDelete(List.of(DAY1, DAY2_RETRY, DAY3), List.of(DAY2, DAY4)))
        .containsExactly(DAY1, DAY2);
  }

  @Test
  void deletesClusterSnapshotsOfBackupsNotKept() {
    BackupRetention keepOne = new BackupRetention(1);
    assertThat(keepOne.snapshotsToDelete(List.of(DAY2, DAY3), List.of(DAY1, DAY2, DAY3, DAY4)))
        .as("DAY4 is newer than the newest kept backup: a backup under way")
        .containsExactly(DAY1, DAY2);
  }

  @Test
  void deletesNothingWithoutAFinishedBackup() {
    BackupRetention keepOne = new BackupRetention(1);
    assertThat(keepOne.exportsToDelete(List.of(), List.of(DAY1))).isEmpty();
    assertThat(keepOne.snapshotsToDelete(List.of(), List.of(DAY1))).isEmpty();
  }

  @Test
  void keepsAtLeastOne() {
    assertThatThrownBy(() -> new BackupRetention(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--keep");
  }
}
