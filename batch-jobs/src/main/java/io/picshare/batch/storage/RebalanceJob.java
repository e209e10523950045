package io.picshare.batch.storage;

import static java.util.Objects.requireNonNull;

import io.picshare.batch.ClusterOptions;
import io.picshare.batch.JobMonitor;
import io.picshare.batch.RegionGroupInputFormat;
import io.picshare.batch.TimeConverters;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.media.DisplaySize;
import io.picshare.schema.blob.VolumeFormat;
import io.picshare.schema.blob.VolumePaths;
import io.picshare.schema.table.PhotosTable;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.mapreduce.TableMapReduceUtil;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.util.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rebalance}: reclaims the bytes of deleted photos inside volumes, moves old volumes to the
 * cold tier and balances the DataNodes. A MapReduce job groups the photo rows by the volume they
 * name ({@link ReclaimMapper}, {@link ReclaimReducer}): a volume whose dead share reaches {@code
 * --dead-share}, or a hot one older than {@code --cold-after}, has its live records rewritten into
 * a new volume (in the erasure-coded {@link ColdTier} if it was or becomes cold) and goes to the
 * trash; the driver then trashes the sealed volumes no row names at all, and runs the HDFS Balancer
 * if the DataNodes' utilisation spreads too far ({@link DataNodeBalance}). Small files of deleted
 * photos are reclaimed by {@code pack}.
 */
@Command(
    name = "rebalance",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description = {
      "Reclaims deleted photos' bytes in volumes: rewrites each volume whose dead share of"
          + " record bytes reaches --dead-share with its live records (compare-and-set on each"
          + " photo's location, as pack does) and moves volumes no live photo names to"
          + " /picshare/trash, emptied after --grace. Hot volumes sealed more than --cold-after"
          + " ago are rewritten the same way into the cold tier, /picshare/volumes/cold:"
          + " erasure-coded (--ec-policy) and, where DataNodes have ARCHIVE storage, on it."
          + " Then runs the HDFS Balancer if a DataNode's utilisation is further than"
          + " --balance-threshold from the average. A MapReduce job over picshare:photos on the"
          + " cluster of the Hadoop configuration; safe to kill and rerun, and while the API"
          + " serves."
    })
public final class RebalanceJob extends Configured implements Tool, Callable<Integer> {
  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Option(
      names = "--dead-share",
      paramLabel = "FRACTION",
      description =
          "Rewrite a volume once this share of its record bytes is dead, 0..1 (default:"
              + " ${DEFAULT-VALUE}; 0 rewrites every volume with a dead record).")
  double deadShare = 0.5;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      converter = TimeConverters.DurationConverter.class,
      description = "How long trashed volumes are kept (default: 1h; 0s: empty the trash now).")
  Duration grace = Duration.ofHours(1);

  @Option(
      names = "--cold-after",
      paramLabel = "DURATION",
      converter = TimeConverters.DurationConverter.class,
      description =
          "Move volumes sealed longer ago than this to the cold tier (default: 30d; 0d: every"
              + " sealed volume).")
  Duration coldAfter = Duration.ofDays(30);

  @Option(
      names = "--ec-policy",
      paramLabel = "POLICY",
      description =
          "The cold tier's HDFS erasure-coding policy, enabled if need be (default: the"
              + " configuration's "
              + ColdTier.EC_POLICY_KEY
              + ", else "
              + ColdTier.DEFAULT_EC_POLICY
              + "; the local stack's 3 DataNodes take XOR-2-1-1024k).")
  String ecPolicy;

  @Option(
      names = "--balance-threshold",
      paramLabel = "PERCENT",
      description =
          "Run the HDFS Balancer if a DataNode's utilisation is more than this many percentage"
              + " points from the average, 1..100 (default: ${DEFAULT-VALUE}; 0: never).")
  double balanceThreshold = 10;

  @Option(
      names = "--reducers",
      paramLabel = "N",
      description = "Reduce tasks (volumes are spread over them; default: ${DEFAULT-VALUE}).")
  int reducers = 1;

  /** The Balancer's exit status ALREADY_RUNNING (-1) as a process's exit code. */
  private static final int ANOTHER_BALANCER_RUNS = 255;

  private final Clock clock;
  private final PrintStream out;
  private Map<ReclaimCounters, Long> lastCounters;

  public RebalanceJob(Clock clock, PrintStream out) {
    this.clock = requireNonNull(clock, "clock is null");
    this.out = requireNonNull(out, "out is null");
  }

  /** The counters of the last run that succeeded (the driver's trashed volumes included). */
  public Map<ReclaimCounters, Long> lastCounters() {
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
    if (deadShare < 0 || deadShare > 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--dead-share must be between 0 and 1: " + deadShare);
    }
    if (balanceThreshold != 0 && (balanceThreshold < 1 || balanceThreshold > 100)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--balance-threshold must be 0 or between 1 and 100: " + balanceThreshold);
    }
    if (coldAfter.isNegative()) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--cold-after must not be negative: " + coldAfter);
    }
    Configuration conf =
        HBaseConfiguration.create(getConf() != null ? getConf() : new Configuration());
    cluster.applyTo(conf);
    FileSystem fs = FileSystem.get(conf);
    String policy =
        ecPolicy != null ? ecPolicy : conf.get(ColdTier.EC_POLICY_KEY, ColdTier.DEFAULT_EC_POLICY);
    // a volume's age is its file's, the file system's time: compared with the real time
    long coldBefore = System.currentTimeMillis() - coldAfter.toMillis();
    try {
      ColdTier.prepare(fs, policy).forEach(line -> out.println("cold tier: " + line));
    } catch (IOException | IllegalArgumentException e) {
      out.println("cold tier unavailable, no volume goes cold this run: " + e.getMessage());
      coldBefore = -1;
    }
    PendingVolumes.removeAbandoned(fs, conf);
    // volumes sealed an orphan age ago: younger ones may be about to be named by their pack task
    // (file times are the file system's: compared with the real time, whatever the job's clock)
    Set<String> sealed =
        sealedBefore(fs, System.currentTimeMillis() - PackJob.ORPHAN_AGE.toMillis());
    Path work = new Path("/tmp/picshare/rebalance-" + clock.millis());
    Job job = createSubmittableJob(conf, deadShare, coldBefore, reducers, work);
    long started = System.nanoTime();
    Map<ReclaimCounters, Long> counters;
    try {
      boolean succeeded;
      try {
        succeeded = new JobMonitor(out).run(job);
      } finally {
        PendingVolumes.remove(fs, job.getJobID());
      }
      if (!succeeded) {
        out.println("rebalance failed");
        return 1;
      }
      counters = new TreeMap<>(JobMonitor.values(job.getCounters(), ReclaimCounters.class));
      sealed.removeAll(namedVolumes(fs, work));
      long trashed = 0;
      long bytes = 0;
      for (String volume : sealed) {
        long length = fs.getFileStatus(new Path(volume)).getLen();
        if (Trash.move(fs, new Path(volume), Instant.now())) {
          trashed++;
          bytes += length;
        }
      }
      counters.merge(ReclaimCounters.VOLUMES_TRASHED, trashed, Long::sum);
      counters.merge(ReclaimCounters.BYTES_RECLAIMED, bytes, Long::sum);
    } finally {
      fs.delete(work, true);
    }
    int purged = Trash.purge(fs, clock.instant(), grace);
    out.printf(
        Locale.ROOT,
        "reclaim and tier done in %.1f s; %d trash directories older than %s deleted; counters:%n",
        (System.nanoTime() - started) / 1e9,
        purged,
        grace);
    new JobMonitor(out).printCounters(counters);
    lastCounters = counters;
    if (balanceThreshold > 0 && fs instanceof DistributedFileSystem dfs) {
      int balancer = DataNodeBalance.balanceIfNeeded(conf, dfs, balanceThreshold, out);
      if (balancer == ANOTHER_BALANCER_RUNS) {
        out.println("another HDFS Balancer is running: balancing left to it");
      } else if (balancer != 0) {
        out.println("the HDFS Balancer did not finish balancing (exit " + balancer + ")");
        return 1;
      }
    }
    return 0;
  }

  /**
   * The job grouping the photo rows by volume into {@code work}; hot volumes last written before
   * {@code coldBeforeMillis} go cold.
   */
  public static Job createSubmittableJob(
      Configuration base, double deadShare, long coldBeforeMillis, int reducers, Path work)
      throws IOException {
    Configuration conf = new Configuration(base);
    conf.setDouble(ReclaimReducer.DEAD_SHARE, deadShare);
    conf.setLong(ReclaimReducer.COLD_BEFORE, coldBeforeMillis);
    conf.setBoolean(MRJobConfig.REDUCE_SPECULATIVE, false);
    Job job = Job.getInstance(conf, "picshare rebalance (reclaim volumes)");
    job.setJarByClass(RebalanceJob.class);
    Scan scan =
        new Scan()
            .addColumn(PhotosTable.METADATA, PhotosTable.SHA256)
            .addColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT)
            .addColumn(PhotosTable.METADATA, PhotosTable.LOCATION)
            .addColumn(PhotosTable.METADATA, PhotosTable.RENDITIONS)
            .setCaching(1000)
            .setCacheBlocks(false);
    scan.setAttribute(Scan.SCAN_ATTRIBUTES_TABLE_NAME, PhotosTable.NAME.getName());
    TableMapReduceUtil.initTableMapperJob(
        List.of(scan), ReclaimMapper.class, Text.class, BytesWritable.class, job, true);
    job.setInputFormatClass(RegionGroupInputFormat.class);
    job.setReducerClass(ReclaimReducer.class);
    job.setNumReduceTasks(reducers);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(LongWritable.class);
    job.setOutputFormatClass(TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, work);
    // this module's classes too: run from a classes directory (./picshare batch), setJarByClass
    // finds no jar, and initTableMapperJob shipped only the jars of its own input format
    TableMapReduceUtil.addDependencyJarsForClasses(
        job.getConfiguration(),
        RebalanceJob.class,
        VolumeFormat.class,
        DisplaySize.class,
        HBasePhotoStore.class,
        com.github.benmanes.caffeine.cache.Caffeine.class);
    return job;
  }

  /** Sealed volumes, hot and cold, last modified before {@code millis}. */
  private static Set<String> sealedBefore(FileSystem fs, long millis) throws IOException {
    Set<String> volumes = new TreeSet<>();
    for (String tier : List.of(VolumePaths.HOT, VolumePaths.COLD)) {
      RemoteIterator<LocatedFileStatus> files;
      try {
        files = fs.listFiles(new Path(tier), true);
      } catch (FileNotFoundException e) {
        continue;
      }
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        String path = Path.getPathWithoutSchemeAndAuthority(file.getPath()).toString();
        if (VolumePaths.isVolume(path) && file.getModificationTime() < millis) {
          volumes.add(path);
        }
      }
    }
    return volumes;
  }

  /** The volumes the reducers found named by some row (or wrote), from their output. */
  private static Set<String> namedVolumes(FileSystem fs, Path work) throws IOException {
    Set<String> named = new HashSet<>();
    for (FileStatus part : fs.listStatus(work, path -> path.getName().startsWith("part-"))) {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(fs.open(part.getPath()), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          named.add(line.substring(0, line.indexOf('\t')));
        }
      }
    }
    return named;
  }
}
