package io.picshare.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BatchJobsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return BatchJobs.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryJob() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "feed-build",
            "nightly",
            "run the nightly jobs now, in order: repair, feed-build, pack, rebalance, backup");
  }

  @Test
  void noJobOrAnUnknownOneIsAUsageError() throws Exception {
    assertThat(run()).isEqualTo(2);
    assertThat(run("reindex-everything")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no job named reindex-everything");
  }

  @Test
  void eachJobHasItsOwnHelp() throws Exception {
    assertThat(run("nightly", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "Usage: nightly",
            "--zookeeper",
            "Jobs, in order: repair, feed-build, pack, rebalance, backup");
    assertThat(run("repair", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: repair", "--zookeeper", "not on YARN");
  }

  @Test
  void backupAndRestoreDocumentEveryOption() throws Exception {
    assertThat(run("backup", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "Usage: backup",
            "--zookeeper",
            "--to",
            "--keep",
            "default: 7",
            "--mappers",
            "--hbase-root-dir",
            "ExportSnapshot",
            "picshare.backup.dir");
    out.reset();
    assertThat(run("restore", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "Usage: restore",
            "--from",
            "--backup",
            "--list",
            "--force",
            "--mappers",
            "--hbase-root-dir",
            "empty");
  }

  @Test
  void backupRunsLastEachNight() {
    assertThat(BatchJobs.NIGHTLY).endsWith("backup");
  }

  @Test
  void reindexDocumentsEveryOption() throws Exception {
    assertThat(run("reindex", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "Usage: reindex",
            "--solr-url",
            "picshare.solr.url",
            "--core",
            "--batch-size",
            "--clock-skew-margin",
            "--split-mb",
            "--zookeeper");
  }

  @Test
  void reindexIsRunOnDemandNotNightly() {
    assertThat(BatchJobs.jobs(System.out).stream().map(BatchJob::name)).contains("reindex");
    assertThat(BatchJobs.NIGHTLY).doesNotContain("reindex");
  }

  @Test
  void theNightlyJobsAreJobs() {
    assertThat(BatchJobs.jobs(System.out).stream().map(BatchJob::name))
        .containsAll(BatchJobs.NIGHTLY)
        .endsWith("nightly");
  }
}
