package io.picshare.batch.feed;

import static java.util.Objects.requireNonNull;

import io.picshare.batch.ClusterOptions;
import io.picshare.batch.JobMonitor;
import io.picshare.batch.RegionGroupInputFormat;
import io.picshare.batch.TimeConverters;
import io.picshare.data.feed.FeedRanking;
import io.picshare.data.hbase.HBaseFeedStore;
import io.picshare.schema.key.PairRowKey;
import io.picshare.schema.record.FeedCandidates;
import io.picshare.schema.table.FeedsTable;
import io.picshare.schema.table.FollowsTable;
import io.picshare.schema.table.PhotosTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.mapreduce.TableMapReduceUtil;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.util.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The nightly batch layer of the news feed (docs/feed.md, "Batch layer"): for every user with a
 * follow row, the best {@code --top} photos of the people they follow, uploaded in the {@code
 * --window} before the cutoff ({@code --now}) and ranked by {@link FeedRanking}, written to {@code
 * picshare:feeds} ({@code f:k} the candidates, {@code f:c} the cutoff). Two MapReduce jobs: a join
 * of {@code picshare:follows} and {@code picshare:photos} by user ({@link RegionGroupInputFormat},
 * {@link GraphMapper}, {@link PhotoFanOutReducer}) into (follower, candidate) pairs on HDFS, then
 * each follower's top K ({@link FeedTopCombiner}, {@link FeedWriteReducer}) through
 * TableOutputFormat. The jobs ship the HBase and PicShare jars their tasks need ({@link
 * TableMapReduceUtil#addDependencyJars}).
 */
@Command(
    name = "feed-build",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description =
        "Precomputes every user's top feed candidates into picshare:feeds: the photos of the"
            + " people they follow, uploaded in the window before the cutoff, scored"
            + " (likes + 1) / (age_hours + 2)^1.5 at the cutoff, best --top kept. Users who have"
            + " follow rows but no candidates get an empty list. Runs two MapReduce jobs on the"
            + " cluster of the Hadoop configuration (HADOOP_CONF_DIR) and prints their progress"
            + " and counters; exits non-zero if either fails.",
    footer = {
      "",
      "Hadoop generic options (-D key=value, -conf file, -fs uri, -jt host:port, -libjars …) go"
          + " before the job's options, e.g.: feed-build -D mapreduce.job.queuename=batch --top 200"
    })
public final class FeedBuildJob extends Configured implements Tool, Callable<Integer> {
  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      converter = TimeConverters.InstantConverter.class,
      description =
          "The cutoff: photos uploaded before it are considered, and it is written as each feed's"
              + " f:c; ISO-8601 (2026-06-01T03:00:00Z) or epoch ms (default: the current time).")
  Instant now;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      converter = TimeConverters.DurationConverter.class,
      description =
          "How far before the cutoff photos are considered: 7d, 36h, 90m or ISO-8601"
              + " (default: 7d, the read path's window).")
  Duration window = FeedRanking.WINDOW;

  @Option(
      names = "--top",
      paramLabel = "K",
      description = "Candidates kept per user, 1..10000 (default: ${DEFAULT-VALUE}).")
  int top = FeedRanking.DEFAULT_CANDIDATES;

  @Option(
      names = "--reducers",
      paramLabel = "N",
      description = "Reduce tasks of each of the two jobs (default: ${DEFAULT-VALUE}).")
  int reducers = 1;

  @Option(
      names = "--split-mb",
      paramLabel = "MB",
      description =
          "Store-file megabytes of adjacent regions one map task reads (default: ${DEFAULT-VALUE};"
              + " 0: one map task per region).")
  long splitMegabytes = RegionGroupInputFormat.DEFAULT_GROUP_BYTES >> 20;

  @Option(
      names = "--work-dir",
      paramLabel = "PATH",
      description =
          "Directory on the default file system for the join's output, which must not exist;"
              + " deleted at the end (default: /tmp/picshare/feed-build-<cutoff ms>-<start ms>).")
  String workDir;

  private final Clock clock;
  private final PrintStream out;
  private FeedBuildResult lastResult;

  public FeedBuildJob() {
    this(Clock.systemUTC(), System.out);
  }

  public FeedBuildJob(Clock clock, PrintStream out) {
    this.clock = requireNonNull(clock, "clock is null");
    this.out = requireNonNull(out, "out is null");
  }

  /** What a successful build counted, and how long it took. */
  public record FeedBuildResult(Map<FeedBuildCounters, Long> counters, Duration elapsed) {
    public FeedBuildResult {
      counters = Map.copyOf(counters);
    }

    public long counter(FeedBuildCounters name) {
      return counters.getOrDefault(name, 0L);
    }
  }

  /** The result of the last {@link #run} that succeeded. */
  public Optional<FeedBuildResult> lastResult() {
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
    Configuration conf =
        HBaseConfiguration.create(getConf() != null ? getConf() : new Configuration());
    cluster.applyTo(conf);
    conf.setLong(RegionGroupInputFormat.GROUP_BYTES_KEY, splitMegabytes << 20);
    FeedBuildSettings settings =
        new FeedBuildSettings(
            new FeedWindow(
                now != null ? now : clock.instant().truncatedTo(ChronoUnit.MILLIS), window),
            top,
            reducers);
    Path work =
        new Path(
            workDir != null
                ? workDir
                : "/tmp/picshare/feed-build-" + settings.cutoffMillis() + "-" + clock.millis());
    out.printf(
        "feed-build: photos uploaded in [%s, %s), best %d per user, to %s (work dir %s)%n",
        settings.window().cutoff().minus(settings.window().window()),
        settings.window().cutoff(),
        settings.top(),
        FeedsTable.NAME,
        work);
    long started = System.nanoTime();
    FileSystem fs = work.getFileSystem(conf);
    JobMonitor monitor = new JobMonitor(out);
    Map<FeedBuildCounters, Long> counters = new EnumMap<>(FeedBuildCounters.class);
    try {
      for (Job job : createSubmittableJobs(conf, settings, work)) {
        if (!monitor.run(job)) {
          out.println("feed-build failed");
          return 1;
        }
        JobMonitor.values(job.getCounters(), FeedBuildCounters.class)
            .forEach((name, value) -> counters.merge(name, value, Long::sum));
      }
    } finally {
      fs.delete(work, true);
    }
    lastResult = new FeedBuildResult(counters, Duration.ofNanos(System.nanoTime() - started));
    out.printf(
        Locale.ROOT,
        "feed-build done in %.1f s; counters:%n",
        lastResult.elapsed().toMillis() / 1e3);
    monitor.printCounters(counters);
    return 0;
  }

  /**
   * The two jobs of a build, to run in order: the join of follows and photos by user into
   * (follower, candidate) pairs in {@code work}, then each follower's top K from {@code work} into
   * {@code picshare:feeds}.
   */
  public static List<Job> createSubmittableJobs(
      Configuration base, FeedBuildSettings settings, Path work) throws IOException {
    Configuration conf = new Configuration(base);
    settings.writeTo(conf);
    Path pairs = new Path(work, "pairs");
    List<Job> jobs = new ArrayList<>();

    Job join =
        Job.getInstance(conf, "picshare feed-build 1/2: join photos to followers" + at(settings));
    join.setJarByClass(FeedBuildJob.class);
    TableMapReduceUtil.initTableMapperJob(
        List.of(
            scan(FollowsTable.NAME).addColumn(FollowsTable.EDGE, FollowsTable.EDGE_ID),
            scan(PhotosTable.NAME)
                .addColumn(PhotosTable.METADATA, PhotosTable.SHA256)
                .addColumn(PhotosTable.METADATA, PhotosTable.CREATED_AT)
                .addColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT)
                .addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT)),
        GraphMapper.class,
        JoinKey.class,
        JoinValue.class,
        join,
        true);
    join.setInputFormatClass(RegionGroupInputFormat.class);
    join.setPartitionerClass(JoinKey.ByUser.class);
    join.setGroupingComparatorClass(JoinKey.UserGrouping.class);
    join.setReducerClass(PhotoFanOutReducer.class);
    join.setNumReduceTasks(settings.reducers());
    join.setOutputKeyClass(LongWritable.class);
    join.setOutputValueClass(FeedEntry.class);
    join.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(join, pairs);
    shipPicShareJars(join);
    jobs.add(join);

    Job write = Job.getInstance(conf, "picshare feed-build 2/2: top candidates" + at(settings));
    write.setJarByClass(FeedBuildJob.class);
    write.setInputFormatClass(SequenceFileInputFormat.class);
    FileInputFormat.addInputPath(write, pairs);
    write.setMapperClass(Mapper.class);
    write.setMapOutputKeyClass(LongWritable.class);
    write.setMapOutputValueClass(FeedEntry.class);
    write.setCombinerClass(FeedTopCombiner.class);
    // TableOutputFormat into picshare:feeds; also ships HBase's jars (addDependencyJars), as the
    // join's initTableMapperJob does.
    TableMapReduceUtil.initTableReducerJob(FeedsTable.NAME.getNameAsString(), null, write);
    write.setReducerClass(FeedWriteReducer.class);
    write.setNumReduceTasks(settings.reducers());
    shipPicShareJars(write);
    jobs.add(write);
    return jobs;
  }

  private static String at(FeedBuildSettings settings) {
    return " (cutoff " + settings.window().cutoff() + ")";
  }

  private static Scan scan(TableName table) {
    Scan scan = new Scan().setCaching(1000).setCacheBlocks(false);
    scan.setAttribute(Scan.SCAN_ATTRIBUTES_TABLE_NAME, table.getName());
    return scan;
  }

  /** The tasks decode rows and cells with hbase-schema and score with data-access. */
  private static void shipPicShareJars(Job job) throws IOException {
    TableMapReduceUtil.addDependencyJarsForClasses(
        job.getConfiguration(),
        PairRowKey.class,
        FeedCandidates.class,
        FeedRanking.class,
        HBaseFeedStore.class);
  }
}
