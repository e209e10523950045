package io.picshare.batch;

import io.picshare.batch.backup.BackupJob;
import io.picshare.batch.backup.RestoreJob;
import io.picshare.batch.feed.FeedBuildJob;
import io.picshare.batch.search.ReindexJob;
import io.picshare.batch.storage.CapacityReport;
import io.picshare.batch.storage.PackJob;
import io.picshare.batch.storage.RebalanceJob;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.util.ToolRunner;

/**
 * The main class of the batch jobs: {@code BatchJobs <job> [generic options] [job options]} runs
 * one job through {@code ToolRunner} with the Hadoop and HBase configuration on the classpath
 * ({@code ./picshare batch} puts the local stack's {@code data/hadoop/conf} there; {@code hadoop
 * jar} puts {@code HADOOP_CONF_DIR}). To add a job, add it to {@link #jobs} and, if it runs every
 * night, to {@link #NIGHTLY} ({@code reindex} does not: it is run on demand).
 */
public final class BatchJobs {
  /** The nightly jobs, in the order {@code nightly} runs them. */
  static final List<String> NIGHTLY =
      List.of("repair", "feed-build", "pack", "rebalance", "backup");

  private BatchJobs() {}

  /** Every job, {@code nightly} last. */
  static List<BatchJob> jobs(PrintStream out) {
    List<BatchJob> jobs = new ArrayList<>();
    jobs.add(
        new BatchJob(
            "repair",
            "heal metadata: finish deletions, recompute counts, fix follow lists (no YARN)",
            () -> new RepairJob(out)));
    jobs.add(
        new BatchJob(
            "feed-build",
            "precompute every user's top feed candidates (picshare:feeds)",
            () -> new FeedBuildJob(Clock.systemUTC(), out)));
    jobs.add(
        new BatchJob(
            "backup",
            "snapshot every table, export it off the cluster (ExportSnapshot), keep the last N",
            () -> new BackupJob(Clock.systemUTC(), out)));
    jobs.add(
        new BatchJob(
            "restore",
            "bring a backup back into an empty cluster (--list shows the backups)",
            () -> new RestoreJob(out)));
    jobs.add(
        new BatchJob(
            "reindex",
            "rebuild the Solr photos index from picshare:photos (on demand, not nightly)",
            () -> new ReindexJob(out)));
    jobs.add(
        new BatchJob(
            "pack",
            "move small photo files of past hours into volumes; trash orphans",
            () -> new PackJob(Clock.systemUTC(), out)));
    jobs.add(
        new BatchJob(
            "rebalance",
            "reclaim deleted photos' bytes in volumes (rewrite or trash them)",
            () -> new RebalanceJob(Clock.systemUTC(), out)));
    jobs.add(
        new BatchJob(
            "report",
            "capacity report: bytes, files and NameNode objects per tier; growth projection",
            () -> new CapacityReport(out)));
    List<BatchJob> nightly = NIGHTLY.stream().map(name -> find(jobs, name).orElseThrow()).toList();
    jobs.add(
        new BatchJob(
            "nightly",
            "run the nightly jobs now, in order: " + String.join(", ", NIGHTLY),
            () -> new NightlyJobs(nightly, out)));
    return List.copyOf(jobs);
  }

  private static Optional<BatchJob> find(List<BatchJob> jobs, String name) {
    return jobs.stream().filter(job -> job.name().equals(name)).findFirst();
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    List<BatchJob> jobs = jobs(out);
    if (args.length == 0 || List.of("--help", "-h", "help").contains(args[0])) {
      usage(jobs, args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    Optional<BatchJob> job = find(jobs, args[0]);
    if (job.isEmpty()) {
      err.println("picshare batch: no job named " + args[0]);
      usage(jobs, err);
      return 2;
    }
    Configuration conf = HBaseConfiguration.create();
    return ToolRunner.run(conf, job.get().tool().get(), Arrays.copyOfRange(args, 1, args.length));
  }

  static void usage(List<BatchJob> jobs, PrintStream out) {
    out.println("Usage: picshare batch <job> [Hadoop generic options] [job options]");
    out.println();
    out.println("Jobs:");
    for (BatchJob job : jobs) {
      out.printf("  %-12s %s%n", job.name(), job.summary());
    }
    out.println();
    out.println(
        "picshare batch <job> --help lists a job's options. The jobs run on the cluster of");
    out.println("the Hadoop configuration on the classpath (./picshare batch: the local stack's");
    out.println("data/hadoop/conf, or $HADOOP_CONF_DIR); --zookeeper names another HBase cluster.");
  }
}
