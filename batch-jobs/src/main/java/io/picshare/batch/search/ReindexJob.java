package io.picshare.batch.search;

import static java.util.Objects.requireNonNull;

import io.picshare.batch.ClusterOptions;
import io.picshare.batch.JobMonitor;
import io.picshare.batch.RegionGroupInputFormat;
import io.picshare.batch.TimeConverters;
import io.picshare.data.search.PhotoDocument;
import io.picshare.data.search.SolrCoreClient;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.table.PhotosTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.mapreduce.TableMapReduceUtil;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.lib.output.NullOutputFormat;
import org.apache.hadoop.util.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Rebuilds the Solr photos core from {@code picshare:photos} (docs/operations.md, "Rebuilding the
 * search index"): a map-only MapReduce job ({@link ReindexMapper}) writes every live photo's {@link
 * PhotoDocument}, the workers' shape, in batches through Solr's JSON update handler; once it has
 * succeeded the driver deletes the documents it did not write ({@link StaleDocuments}: stamped by
 * Solr before the run began, less a margin for clock drift) and commits. The index stays online
 * throughout and the workers keep writing to it; a photo deleted while the job runs may keep its
 * document until the next run (search checks every hit against HBase, so it is never shown).
 */
@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description =
        "Rebuilds the Solr photos index from picshare:photos: writes every live photo's document"
            + " (id, owner_id, owner, title, created_at, like_count; usernames from"
            + " picshare:users) from a map-only MapReduce job on the cluster of the Hadoop"
            + " configuration (HADOOP_CONF_DIR), then deletes the documents the run did not write"
            + " (Solr's indexed_at older than the run's start less --clock-skew-margin, or"
            + " missing) and commits. The index keeps answering searches throughout. Prints"
            + " progress and counters; exits non-zero if the job fails (then nothing is deleted).",
    footer = {
      "",
      "Hadoop generic options (-D key=value, -conf file, -fs uri, -jt host:port, -libjars …) go"
          + " before the job's options, e.g.: reindex -D mapreduce.job.queuename=batch"
          + " --solr-url http://solr1:8983/solr"
    })
public final class ReindexJob extends Configured implements Tool, Callable<Integer> {
  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Spec CommandSpec spec;

  @Option(
      names = "--solr-url",
      paramLabel = "URL",
      description =
          "Solr's base URL (default: "
              + ReindexSettings.SOLR_URL_KEY
              + " of the Hadoop configuration, which the local stack writes into"
              + " data/hadoop/conf/picshare-site.xml, or -D "
              + ReindexSettings.SOLR_URL_KEY
              + "=URL; else "
              + ReindexSettings.DEFAULT_SOLR_URL
              + "). Every map task must reach it.")
  String solrUrl;

  @Option(
      names = "--core",
      paramLabel = "NAME",
      description =
          "The photos core or collection (default: ${DEFAULT-VALUE}, the API's solr-core).")
  String core = ReindexSettings.DEFAULT_CORE;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Documents per update request, 1..100000 (default: ${DEFAULT-VALUE}).")
  int batchSize = 500;

  @Option(
      names = "--clock-skew-margin",
      paramLabel = "DURATION",
      converter = TimeConverters.DurationConverter.class,
      description =
          "How far Solr's clock may move against the run's own, e.g. across Solr nodes: documents"
              + " stamped up to this long before the run began are kept (default: 5m).")
  Duration clockSkewMargin = Duration.ofMinutes(5);

  @Option(
      names = "--split-mb",
      paramLabel = "MB",
      description =
          "Store-file megabytes of adjacent regions one map task reads (default: ${DEFAULT-VALUE};"
              + " 0: one map task per region, the most Solr clients at once).")
  long splitMegabytes = RegionGroupInputFormat.DEFAULT_GROUP_BYTES >> 20;

  private final PrintStream out;
  private ReindexResult lastResult;

  public ReindexJob() {
    this(System.out);
  }

  public ReindexJob(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  /** What a successful reindex counted, and how long it took. */
  public record ReindexResult(Map<ReindexCounters, Long> counters, Duration elapsed) {
    public ReindexResult {
      counters = Map.copyOf(counters);
    }

    public long counter(ReindexCounters name) {
      return counters.getOrDefault(name, 0L);
    }
  }

  /** The result of the last {@link #run} that succeeded. */
  public Optional<ReindexResult> lastResult() {
    return Optional.ofNullable(lastResult);
  }

  @Override
  public int run(String[] args) {
    CommandLine command = new CommandLine(this);
    command.setOut(new PrintWriter(out, true));
    return command.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (clockSkewMargin.isNegative()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--clock-skew-margin must not be negative");
    }
    Configuration conf =
        HBaseConfiguration.create(getConf() != null ? getConf() : new Configuration());
    // The local stack's data/hadoop/conf, on the classpath, names its Solr here.
    conf.addResource("picshare-site.xml");
    cluster.applyTo(conf);
    conf.setLong(RegionGroupInputFormat.GROUP_BYTES_KEY, splitMegabytes << 20);
    ReindexSettings settings =
        new ReindexSettings(ReindexSettings.solrUrl(solrUrl, conf), core, batchSize);
    SolrCoreClient solr = new SolrCoreClient(settings.coreUrl(), Duration.ofMinutes(10));
    out.printf(
        "reindex: %s into %s, %d documents per update%n",
        PhotosTable.NAME, settings.coreUrl(), settings.batchSize());
    // Fails early, before YARN is asked for anything, if Solr is away or the core lacks the field.
    long before = solr.count(PhotoDocument.INDEXED_AT + ":[* TO *]");
    out.printf("reindex: the core holds %,d stamped documents before the run%n", before);

    long started = System.nanoTime();
    Job job = createSubmittableJob(conf, settings);
    JobMonitor monitor = new JobMonitor(out);
    if (!monitor.run(job)) {
      out.println("reindex failed; no document was deleted");
      return 1;
    }
    Map<ReindexCounters, Long> counters = new EnumMap<>(ReindexCounters.class);
    counters.putAll(JobMonitor.values(job.getCounters(), ReindexCounters.class));
    StaleDocuments stale =
        StaleDocuments.after(Duration.ofNanos(System.nanoTime() - started), clockSkewMargin);
    solr.commit();
    long staleCount = solr.count(stale.query());
    solr.deleteByQueryAndCommit(stale.query());
    counters.put(ReindexCounters.STALE_DOCUMENTS_REMOVED, staleCount);
    lastResult = new ReindexResult(counters, Duration.ofNanos(System.nanoTime() - started));
    out.printf(
        Locale.ROOT,
        "reindex done in %.1f s (stale: %s); counters:%n",
        lastResult.elapsed().toMillis() / 1e3,
        stale.query());
    monitor.printCounters(counters);
    return 0;
  }

  /** The map-only job writing every live photo of {@code picshare:photos} to {@code settings}. */
  public static Job createSubmittableJob(Configuration base, ReindexSettings settings)
      throws IOException {
    Configuration conf = new Configuration(base);
    settings.writeTo(conf);
    // A speculative duplicate would only send the same documents twice.
    conf.setBoolean(MRJobConfig.MAP_SPECULATIVE, false);
    Job job = Job.getInstance(conf, "picshare reindex (" + settings.coreUrl() + ")");
    job.setJarByClass(ReindexJob.class);
    Scan scan =
        new Scan()
            .addFamily(PhotosTable.METADATA)
            .addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT)
            .setCaching(1000)
            .setCacheBlocks(false);
    scan.setAttribute(Scan.SCAN_ATTRIBUTES_TABLE_NAME, PhotosTable.NAME.getName());
    TableMapReduceUtil.initTableMapperJob(
        List.of(scan), ReindexMapper.class, NullWritable.class, NullWritable.class, job, true);
    job.setInputFormatClass(RegionGroupInputFormat.class);
    job.setNumReduceTasks(0);
    job.setOutputFormatClass(NullOutputFormat.class);
    // The tasks run batch-jobs' mapper and input format (from the job jar on a cluster, but from
    // a classes directory under ./picshare batch, which setJarByClass cannot ship), decode rows
    // with hbase-schema and build documents with data-access.
    TableMapReduceUtil.addDependencyJarsForClasses(
        job.getConfiguration(),
        ReindexMapper.class,
        RegionGroupInputFormat.class,
        UserPhotoRowKey.class,
        PhotoDocument.class);
    return job;
  }
}
