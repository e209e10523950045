package io.picshare.batch;

import static java.util.Objects.requireNonNull;

import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.repair.Repairs;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code repair}: the metadata repair of {@code ./picshare repair} ({@link Repairs}) as a nightly
 * job, so interrupted deletions are finished, drifted counts recomputed and half-written follows
 * healed every night before the feed build ranks by those counts. It scans from this process (the
 * tables' sizes are rows per photo, like and follow, read with large scanner batches), not on YARN.
 */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description = {
      "Heals PicShare metadata, as ./picshare repair does: finishes interrupted photo deletions,"
          + " recomputes photo, follower, following and like counts from the rows they count, and"
          + " puts back or removes follower/following list rows a crash left out of step with the"
          + " follows. Safe while the API serves, and to run again. Runs in this process (a scan),"
          + " not on YARN."
    })
public final class RepairJob extends Configured implements Tool, Callable<Integer> {
  @Mixin ClusterOptions cluster = new ClusterOptions();

  private final PrintStream out;

  public RepairJob(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  @Override
  public int run(String[] args) {
    CommandLine command = new CommandLine(this);
    command.setOut(new PrintWriter(out, true));
    return command.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    Configuration conf = new Configuration(getConf());
    cluster.applyTo(conf);
    try (HBaseConnection hbase = new HBaseConnection(conf)) {
      Repairs.run(hbase, out);
    }
    return 0;
  }
}
