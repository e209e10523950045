package io.picshare.batch.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.batch.RegionGroupInputFormat;
import io.picshare.data.search.PhotoDocument;
import io.picshare.data.search.SolrCoreClient;
import io.picshare.schema.record.PhotoRecord;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.lib.output.NullOutputFormat;
import org.junit.jupiter.api.Test;

/** The reindex's command line and the job it creates, without a cluster. */
class ReindexJobTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private ReindexJob job() {
    ReindexJob job = new ReindexJob(new PrintStream(printed, true, StandardCharsets.UTF_8));
    job.setConf(new Configuration(false));
    return job;
  }

  @Test
  void helpDocumentsEveryOptionAndItsDefault() {
    assertThat(job().run(new String[] {"--help"})).isZero();
    String help = printed.toString(StandardCharsets.UTF_8);
    for (String option :
        List.of(
            "--solr-url=URL",
            "--core=NAME",
            "--batch-size=N",
            "--clock-skew-margin=DURATION",
            "--split-mb=MB",
            "--zookeeper=HOST:PORT",
            "--help",
            "-D key=value")) {
      assertThat(help).contains(option);
    }
    assertThat(help)
        .contains("default: photos", "default: 500", "default: 5m", "default: 1024")
        .contains("picshare-site.xml", "8983/solr");
  }

  @Test
  void rejectsBadOptionsWithANonZeroExitBeforeTouchingSolr() {
    assertThat(job().run(new String[] {"--batch-size", "0"})).isNotZero();
    assertThat(job().run(new String[] {"--core", "a/b"})).isNotZero();
    assertThat(job().run(new String[] {"--solr-url", "ftp://solr/solr"})).isNotZero();
    assertThat(job().run(new String[] {"--clock-skew-margin", "soon"})).isNotZero();
    assertThat(job().run(new String[] {"--zookeeper", "zk1"})).isNotZero();
  }

  @Test
  void aSolrThatDoesNotAnswerFailsTheRunBeforeAnyJobIsSubmitted() {
    // Port 9 (discard) on loopback: nothing listens there.
    assertThat(job().run(new String[] {"--solr-url", "http://127.0.0.1:9/solr"})).isNotZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("submitted as");
  }

  @Test
  void createsAMapOnlyJobOverThePhotosTableThatWritesNothingToHdfs() throws Exception {
    ReindexSettings settings =
        new ReindexSettings(URI.create("http://solr1:8983/solr"), "photos", 250);
    Job job = ReindexJob.createSubmittableJob(HBaseConfiguration.create(), settings);

    assertThat(job.getInputFormatClass()).isEqualTo(RegionGroupInputFormat.class);
    assertThat(job.getConfiguration().getStrings("hbase.mapreduce.scans")).hasSize(1);
    assertThat(job.getMapperClass()).isEqualTo(ReindexMapper.class);
    assertThat(job.getNumReduceTasks()).isZero();
    assertThat(job.getOutputFormatClass()).isEqualTo(NullOutputFormat.class);
    assertThat(job.getConfiguration().getBoolean(MRJobConfig.MAP_SPECULATIVE, true)).isFalse();
    assertThat(ReindexSettings.from(job.getConfiguration())).isEqualTo(settings);
    assertThat(shippedClasses(job))
        .as("the tasks get PicShare's and HBase's classes with the job")
        .contains(
            entry(ReindexMapper.class),
            entry(PhotoRecord.class),
            entry(PhotoDocument.class),
            entry(SolrCoreClient.class),
            entry(org.apache.hadoop.hbase.client.Result.class));
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
