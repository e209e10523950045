package io.picshare.batch.storage;

import static java.util.Objects.requireNonNull;

import io.picshare.batch.ClusterOptions;
import io.picshare.batch.JobMonitor;
import io.picshare.batch.TimeConverters;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.media.DisplaySize;
import io.picshare.schema.blob.VolumeFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.mapreduce.TableMapReduceUtil;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.lib.output.NullOutputFormat;
import org.apache.hadoop.util.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pack}: moves the small files of past upload hours into volumes (docs/storage-format.md,
 * "Volumes"), one map task per group of hours ({@link HourInputFormat}, {@link PackMapper}), and
 * trashes the small files nothing names. Before the job it removes the pending volumes of pack jobs
 * that no longer run; after it, the trash older than the grace period.
 */
@Command(
    name = "pack",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description = {
      "Packs the individually stored originals and rendition files of upload hours older than"
          + " --older-than into large volume files (header, records with CRC32C, footer index),"
          + " switches each photo's row to its volume location by compare-and-set once the volume"
          + " is verified, and moves the small files (and those no photo names: deleted photos,"
          + " failed uploads) to /picshare/trash, emptied after --grace. A MapReduce job on the"
          + " cluster of the Hadoop configuration; safe to kill and rerun, and while the API"
          + " serves."
    },
    footer = {
      "",
      "Hadoop generic options go before the job's options, e.g.: pack -D"
          + " mapreduce.job.queuename=batch --older-than 2d"
    })
public final class PackJob extends Configured implements Tool, Callable<Integer> {
  /** Files no row names are trashed only when older than this (an upload writes file, then row). */
  static final Duration ORPHAN_AGE = Duration.ofHours(1);

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Option(
      names = "--older-than",
      paramLabel = "DURATION",
      converter = TimeConverters.DurationConverter.class,
      description =
          "Pack upload hours that ended at least this long ago: 1d, 36h, 0s (everything up to"
              + " the last full hour) (default: 1d).")
  Duration olderThan = Duration.ofDays(1);

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      converter = TimeConverters.DurationConverter.class,
      description =
          "How long trashed files are kept so reads in flight finish (default: 1h; 0s empties"
              + " the trash at the end of this run).")
  Duration grace = Duration.ofHours(1);

  @Option(
      names = "--volume-mb",
      paramLabel = "MB",
      description =
          "Seal a volume once it holds this many MB; also about the input of one map task"
              + " (default: ${DEFAULT-VALUE}).")
  long volumeMegabytes = 1024;

  private final Clock clock;
  private final PrintStream out;
  private Map<PackCounters, Long> lastCounters;

  public PackJob(Clock clock, PrintStream out) {
    this.clock = requireNonNull(clock, "clock is null");
    this.out = requireNonNull(out, "out is null");
  }

  /** The counters of the last run that succeeded. */
  public Map<PackCounters, Long> lastCounters() {
    return lastCounters;
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
    Instant now = clock.instant();
    PackSettings settings =
        new PackSettings(now.minus(olderThan).toEpochMilli(), volumeMegabytes << 20, ORPHAN_AGE);
    FileSystem fs = FileSystem.get(conf);
    out.printf(
        "pack: upload hours ended by %s into volumes of %d MB; trash kept %s%n",
        Instant.ofEpochMilli(settings.cutoffMillis()), volumeMegabytes, grace);
    int removed = PendingVolumes.removeAbandoned(fs, conf);
    if (removed > 0) {
      out.printf("pack: removed the pending volumes of %d pack jobs no longer running%n", removed);
    }
    Job job = createSubmittableJob(conf, settings);
    long started = System.nanoTime();
    boolean succeeded;
    try {
      succeeded = new JobMonitor(out).run(job);
    } finally {
      PendingVolumes.remove(fs, job.getJobID());
    }
    if (!succeeded) {
      out.println("pack failed");
      return 1;
    }
    Map<PackCounters, Long> counters = JobMonitor.values(job.getCounters(), PackCounters.class);
    int purged = Trash.purge(fs, clock.instant(), grace);
    out.printf(
        Locale.ROOT,
        "pack done in %.1f s; %d trash directories older than %s deleted; counters:%n",
        (System.nanoTime() - started) / 1e9,
        purged,
        grace);
    new JobMonitor(out).printCounters(counters);
    lastCounters = counters;
    return 0;
  }

  /** The map-only job packing the hours that ended by the cutoff. */
  public static Job createSubmittableJob(Configuration base, PackSettings settings)
      throws IOException {
    Configuration conf = new Configuration(base);
    settings.writeTo(conf);
    // two attempts at the same hours would only write dead records
    conf.setBoolean(MRJobConfig.MAP_SPECULATIVE, false);
    Job job =
        Job.getInstance(
            conf,
            "picshare pack (hours ended by " + Instant.ofEpochMilli(settings.cutoffMillis()) + ")");
    job.setJarByClass(PackJob.class);
    job.setInputFormatClass(HourInputFormat.class);
    job.setMapperClass(PackMapper.class);
    job.setNumReduceTasks(0);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    job.setOutputFormatClass(NullOutputFormat.class);
    TableMapReduceUtil.addDependencyJars(job);
    TableMapReduceUtil.addDependencyJarsForClasses(
        job.getConfiguration(),
        VolumeFormat.class,
        DisplaySize.class,
        HBasePhotoStore.class,
        com.github.benmanes.caffeine.cache.Caffeine.class);
    return job;
  }
}
