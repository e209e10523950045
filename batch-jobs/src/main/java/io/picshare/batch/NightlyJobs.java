package io.picshare.batch;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code nightly}: the jobs a deployment runs every night, in order ({@link BatchJobs#NIGHTLY}),
 * each with the cluster options given here. A failed job does not stop the next (they are
 * independent); the exit code is non-zero if any failed.
 */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description = {
      "Runs the nightly jobs now, one after the other, each with its default options and the"
          + " --zookeeper given here. A job that fails does not stop the others; the exit code is"
          + " 1 if any failed.",
      "./picshare up runs this on its schedule (--nightly HH:mm, default 03:00)."
    })
public final class NightlyJobs extends Configured implements Tool, Callable<Integer> {
  @Mixin ClusterOptions cluster = new ClusterOptions();

  private final List<BatchJob> jobs;
  private final PrintStream out;

  public NightlyJobs(List<BatchJob> jobs, PrintStream out) {
    this.jobs = List.copyOf(jobs);
    this.out = requireNonNull(out, "out is null");
  }

  @Override
  public int run(String[] args) {
    CommandLine command = new CommandLine(this);
    command.setOut(new PrintWriter(out, true));
    command
        .getCommandSpec()
        .usageMessage()
        .footer(
            "", "Jobs, in order: " + String.join(", ", jobs.stream().map(BatchJob::name).toList()));
    return command.execute(args);
  }

  @Override
  public Integer call() {
    List<String> failed = new ArrayList<>();
    for (BatchJob job : jobs) {
      Instant started = Instant.now();
      out.printf("nightly: %s started at %s%n", job.name(), started);
      int exit;
      try {
        exit =
            ToolRunner.run(
                new Configuration(getConf()),
                job.tool().get(),
                cluster.arguments().toArray(String[]::new));
      } catch (Exception e) {
        out.printf("nightly: %s failed: %s%n", job.name(), e);
        exit = 1;
      }
      out.printf(
          Locale.ROOT,
          "nightly: %s %s in %.1f s%n",
          job.name(),
          exit == 0 ? "succeeded" : "failed (exit code " + exit + ")",
          Duration.between(started, Instant.now()).toMillis() / 1e3);
      if (exit != 0) {
        failed.add(job.name());
      }
    }
    out.println(failed.isEmpty() ? "nightly: all jobs succeeded" : "nightly: failed: " + failed);
    return failed.isEmpty() ? 0 : 1;
  }
}
