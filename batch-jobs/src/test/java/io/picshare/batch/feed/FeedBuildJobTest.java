package io.picshare.batch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.batch.RegionGroupInputFormat;
import io.picshare.data.feed.FeedRanking;
import io.picshare.schema.record.FeedCandidates;
import io.picshare.schema.table.FeedsTable;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.mapreduce.TableOutputFormat;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.junit.jupiter.api.Test;

/** The feed build's command line and the jobs it creates, without a cluster. */
class FeedBuildJobTest {
  private static final Instant CUTOFF = Instant.parse("2026-06-01T03:00:00Z");

  @Test
  void helpDocumentsEveryOption() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    FeedBuildJob job =
        new FeedBuildJob(Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    job.setConf(new Configuration(false));
    assertThat(job.run(new String[] {"--help"})).isZero();
    String help = printed.toString(StandardCharsets.UTF_8);
    for (String option :
        List.of(
            "--now=INSTANT",
            "--window=DURATION",
            "--top=K",
            "--reducers=N",
            "--split-mb=MB",
            "--work-dir=PATH",
            "--zookeeper=HOST:PORT",
            "--help",
            "-D key=value")) {
      assertThat(help).contains(option);
    }
    assertThat(help).contains("default: 500", "default: 7d", "default: 1024");
  }

  @Test
  void rejectsBadOptionsWithANonZeroExit() {
    FeedBuildJob job =
        new FeedBuildJob(Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream()));
    job.setConf(new Configuration(false));
    assertThat(job.run(new String[] {"--window", "a week"})).isNotZero();
    assertThat(job.run(new String[] {"--top", "0"})).isNotZero();
  }

  @Test
  void createsAJoinOverBothTablesThenATopKIntoTheFeedsTable() throws Exception {
    FeedBuildSettings settings =
        new FeedBuildSettings(new FeedWindow(CUTOFF, Duration.ofHours(36)), 50, 3);
    List<Job> jobs =
        FeedBuildJob.createSubmittableJobs(
            HBaseConfiguration.create(), settings, new Path("/tmp/feed-build-test"));
    assertThat(jobs).hasSize(2);

    Job join = jobs.get(0);
    assertThat(join.getInputFormatClass()).isEqualTo(RegionGroupInputFormat.class);
    assertThat(join.getConfiguration().getStrings("hbase.mapreduce.scans")).hasSize(2);
    assertThat(join.getMapperClass()).isEqualTo(GraphMapper.class);
    assertThat(join.getReducerClass()).isEqualTo(PhotoFanOutReducer.class);
    assertThat(join.getPartitionerClass()).isEqualTo(JoinKey.ByUser.class);
    assertThat(join.getGroupingComparator()).isInstanceOf(JoinKey.UserGrouping.class);
    assertThat(join.getOutputFormatClass()).isEqualTo(SequenceFileOutputFormat.class);
    assertThat(join.getNumReduceTasks()).isEqualTo(3);

    Job write = jobs.get(1);
    assertThat(write.getInputFormatClass()).isEqualTo(SequenceFileInputFormat.class);
    assertThat(write.getCombinerClass()).isEqualTo(FeedTopCombiner.class);
    assertThat(write.getReducerClass()).isEqualTo(FeedWriteReducer.class);
    assertThat(write.getOutputFormatClass()).isEqualTo(TableOutputFormat.class);
    assertThat(write.getConfiguration().get(TableOutputFormat.OUTPUT_TABLE))
        .isEqualTo(FeedsTable.NAME.getNameAsString());

    for (Job job : jobs) {
      assertThat(FeedBuildSettings.from(job.getConfiguration()).window())
          .isEqualTo(settings.window());
      assertThat(FeedBuildSettings.from(job.getConfiguration()).top()).isEqualTo(50);
      assertThat(shippedClasses(job))
          .as("the tasks get PicShare's and HBase's classes with the job")
          .contains(
              entry(GraphMapper.class),
              entry(FeedCandidates.class),
              entry(FeedRanking.class),
              entry(TableOutputFormat.class),
              entry(org.apache.hadoop.hbase.client.Result.class));
    }
  }

  private static String entry(Class<?> type) {
    return type.getName().replace('.', '/') + ".class";
  }

  /** Every class file in the jars the job ships to its tasks ({@code tmpjars}). */
  private static Set<String> shippedClasses(Job job) throws IOException {
    Set<String> classes = new HashSet<>();
    for (String jar : job.getConfiguration().getStrings("tmpjars")) {
      try (JarFile file = new JarFile(new File(URI.create(jar)))) {
        file.stream().map(JarEntry::getName).forEach(classes::add);
      }
    }
    return classes;
  }
}
