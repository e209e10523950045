package io.picshare.batch.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.TableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest format and the backup directory on a real (local) Hadoop file system. */
class BackupTargetTest {
  private static final BackupId ID = new BackupId("picshare-20261202-030000");

  @TempDir Path dir;

  private static BackupManifest manifest(BackupId id) {
    return new BackupManifest(
        id,
        id.started(),
        id.started().plusSeconds(252),
        Map.of("picshare", "0.1.0", "hbase", "2.6.1-hadoop3", "hadoop", "3.3.5"),
        List.of(
            new BackupManifest.Table(
                TableName.valueOf("picshare:users"),
                id.snapshotName(TableName.valueOf("picshare:users")),
                id.started().plusMillis(412),
                2,
                48_213),
            new BackupManifest.Table(
                TableName.valueOf("picshare:photos"),
                id.snapshotName(TableName.valueOf("picshare:photos")),
                id.started().plusMillis(905),
                0,
                0)));
  }

  @Test
  void manifestRoundTripsInItsDocumentedForm() throws Exception {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    manifest(ID).writeTo(written);
    String text = written.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("format=1\nid=picshare-20261202-030000\nstarted=2026-12-02T03:00:00Z\n")
        .contains(
            "version.hbase=2.6.1-hadoop3\n",
            "tables=2\n",
            "table.0.name=picshare:users\n",
            "table.0.snapshot=picshare-20261202-030000-users\n",
            "table.0.snapshot-taken=2026-12-02T03:00:00.412Z\n",
            "table.0.store-files=2\n",
            "table.0.bytes=48213\n",
            "table.1.name=picshare:photos\n");
    BackupManifest read = BackupManifest.readFrom(new ByteArrayInputStream(written.toByteArray()));
    assertThat(read).isEqualTo(manifest(ID));
    assertThat(read.storeFiles()).isEqualTo(2);
    assertThat(read.bytes()).isEqualTo(48_213);
  }

  @Test
  void aTruncatedManifestIsInvalid() throws Exception {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    manifest(ID).writeTo(written);
    String text = written.toString(StandardCharsets.UTF_8);
    byte[] truncated = text.substring(0, text.indexOf("table.1.")).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BackupManifest.readFrom(new ByteArrayInputStream(truncated)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no table.1.name");
  }

  @Test
  void listsFinishedAndUnfinishedBackupsOldestFirst() throws Exception {
    BackupTarget target = new BackupTarget(dir.toUri(), new Configuration());
    BackupId older = new BackupId("picshare-20261201-030000");
    BackupId unfinished = new BackupId("picshare-20261203-030000");
    Files.createDirectories(Path.of(target.directory(ID).toUri()).resolve(".hbase-snapshot"));
    Files.createDirectories(Path.of(target.directory(older).toUri()));
    Files.createDirectories(Path.of(target.directory(unfinished).toUri()));
    Files.createDirectories(dir.resolve("not-a-backup"));
    target.writeManifest(manifest(ID));
    target.writeManifest(manifest(older));

    List<BackupTarget.Listing> listings = target.list();
    assertThat(listings)
        .extracting(BackupTarget.Listing::id)
        .containsExactly(older, ID, unfinished);
    assertThat(listings)
        .extracting(BackupTarget.Listing::complete)
        .containsExactly(true, true, false);
    assertThat(listings.get(2).problem()).contains("unfinished");
    assertThat(target.manifest(ID)).contains(manifest(ID));
    assertThat(target.manifest(unfinished)).isEmpty();
    assertThat(
            Files.list(Path.of(target.directory(ID).toUri()))
                .map(Path::getFileName)
                .map(Path::toString)
                .filter(name -> !name.endsWith(".crc"))) // the local file system's checksums
        .as("no temporary file is left beside the manifest")
        .containsExactlyInAnyOrder(".hbase-snapshot", BackupManifest.FILE_NAME);

    target.delete(older);
    assertThat(target.list()).extracting(BackupTarget.Listing::id).containsExactly(ID, unfinished);
    assertThat(target.problem(older)).isEqualTo("no such backup");
  }

  @Test
  void aManifestOfAnotherBackupDoesNotMakeADirectoryFinished() throws Exception {
    BackupTarget target = new BackupTarget(dir.toUri(), new Configuration());
    BackupId copied = new BackupId("picshare-20261205-030000");
    Files.createDirectories(Path.of(target.directory(copied).toUri()));
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    manifest(ID).writeTo(written);
    Files.write(
        Path.of(target.directory(copied).toUri()).resolve(BackupManifest.FILE_NAME),
        written.toByteArray());
    assertThat(target.manifest(copied)).isEmpty();
    assertThat(target.problem(copied)).contains("names another backup");
  }

  @Test
  void aLocationNeedsAScheme() {
    assertThatThrownBy(
            () -> new BackupTarget(java.net.URI.create("/var/backups"), new Configuration()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file:///var/backups");
  }

  @Test
  void idsOfStartTimesAreUnique() {
    assertThat(BackupId.startedAt(Instant.parse("2026-12-02T03:00:00Z")))
        .isNotEqualTo(BackupId.startedAt(Instant.parse("2026-12-02T03:00:01Z")));
  }
}
