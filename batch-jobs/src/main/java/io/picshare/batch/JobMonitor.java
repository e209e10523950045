package io.picshare.batch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCompletionEvent;

/**
 * Runs a MapReduce job to its end and tells a person how it goes: where it was submitted, map and
 * reduce progress as it changes (at most every 5 s), how long it took, and, if it failed, why (the
 * job's failure and the first failed task attempt's diagnostics, where a classpath clash on the
 * cluster shows).
 */
public final class JobMonitor {
  private static final Duration POLL = Duration.ofSeconds(1);

  /** Progress is printed when it changed, at most this often. */
  private static final Duration PRINT_EVERY = Duration.ofSeconds(5);

  private final PrintStream out;

  public JobMonitor(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  /** Submits {@code job}, waits for it and returns whether it succeeded. */
  public boolean run(Job job) throws IOException, InterruptedException, ClassNotFoundException {
    long started = System.nanoTime();
    job.submit();
    out.printf(
        "  %s submitted as %s (%s)%n", job.getJobName(), job.getJobID(), job.getTrackingURL());
    String last = "";
    long lastPrinted = 0;
    while (!job.isComplete()) {
      String progress =
          String.format(
              Locale.ROOT,
              "map %3.0f%% reduce %3.0f%%",
              job.mapProgress() * 100,
              job.reduceProgress() * 100);
      long now = System.nanoTime();
      if (!progress.equals(last) && now - lastPrinted >= PRINT_EVERY.toNanos()) {
        out.printf("  %s  %s%n", job.getJobID(), progress);
        last = progress;
        lastPrinted = now;
      }
      Thread.sleep(POLL.toMillis());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (job.isSuccessful()) {
      out.printf(Locale.ROOT, "  %s succeeded in %.1f s%n", job.getJobID(), seconds);
      return true;
    }
    out.printf(
        Locale.ROOT,
        "  %s %s after %.1f s: %s%n",
        job.getJobID(),
        job.getJobState(),
        seconds,
        job.getStatus().getFailureInfo());
    printFirstTaskFailure(job);
    return false;
  }

  private void printFirstTaskFailure(Job job) throws IOException, InterruptedException {
    for (TaskCompletionEvent event : job.getTaskCompletionEvents(0, 100)) {
      if (event.getStatus() == TaskCompletionEvent.Status.FAILED) {
        out.printf("  first failed task attempt %s:%n", event.getTaskAttemptId());
        for (String diagnostic : job.getTaskDiagnostics(event.getTaskAttemptId())) {
          out.println("    " + diagnostic.strip().replace("\n", "\n    "));
        }
        return;
      }
    }
  }

  /** The counters of {@code group} (an enum of counters) in {@code counters}, by name. */
  public static <E extends Enum<E>> Map<E, Long> values(Counters counters, Class<E> group) {
    Map<E, Long> values = new TreeMap<>();
    for (E name : group.getEnumConstants()) {
      Counter counter = counters.findCounter(name);
      values.put(name, counter == null ? 0 : counter.getValue());
    }
    return values;
  }

  /** Prints counters as aligned {@code name value} lines, names in lower case with dashes. */
  public void printCounters(Map<? extends Enum<?>, Long> counters) {
    counters.forEach(
        (name, value) ->
            out.printf(
                Locale.ROOT,
                "    %-24s %,d%n",
                name.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                value));
  }
}
