package io.picshare.batch.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.hadoop.hbase.TableName;
import org.junit.jupiter.api.Test;

class BackupIdTest {
  @Test
  void isTheUtcSecondTheBackupStarted() {
    BackupId id = BackupId.startedAt(Instant.parse("2026-12-02T03:00:07.999Z"));
    assertThat(id.value()).isEqualTo("picshare-20261202-030007");
    assertThat(id.started()).isEqualTo(Instant.parse("2026-12-02T03:00:07Z"));
  }

  @Test
  void namesEachTablesSnapshotAndFindsTheBackupOfOne() {
    BackupId id = new BackupId("picshare-20261202-030000");
    String snapshot = id.snapshotName(TableName.valueOf("picshare", "outbox_dead_letters"));
    assertThat(snapshot).isEqualTo("picshare-20261202-030000-outbox_dead_letters");
    assertThat(BackupId.ofSnapshot(snapshot)).contains(id);
    assertThat(BackupId.ofSnapshot("nightly-photos")).isEmpty();
    assertThat(BackupId.ofSnapshot("picshare-20261202-030000")).isEmpty();
  }

  @Test
  void sortsByTime() {
    assertThat(BackupId.startedAt(Instant.parse("2026-12-02T03:00:00Z")))
        .isLessThan(BackupId.startedAt(Instant.parse("2026-12-03T02:59:59Z")));
  }

  @Test
  void parsesOnlyBackupNames() {
    assertThat(BackupId.parse("picshare-20261202-030000")).isPresent();
    assertThat(BackupId.parse("picshare-2026120-030000")).isEmpty();
    assertThat(BackupId.parse(".tmp")).isEmpty();
    assertThatThrownBy(() -> new BackupId("yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("picshare-yyyyMMdd-HHmmss");
  }
}
