package io.picshare.stack;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the nightly batch jobs ({@code BatchJobs nightly}, a child JVM with the batch-jobs module's
 * classpath and the stack's Hadoop configuration directory) against the running stack on its {@link
 * NightlySchedule}, appending their output to {@code nightly.log} in the stack's log directory and
 * printing a line when a run starts and when it ends. One run at a time; closing stops a run under
 * way.
 */
final class NightlyRunner implements AutoCloseable {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final NightlySchedule schedule;
  private final Clock clock;
  private final LocalStack stack;
  private final PrintStream out;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "nightly-jobs");
            thread.setDaemon(true);
            return thread;
          });
  private NodeProcess running;
  private boolean closed;

  NightlyRunner(NightlySchedule schedule, Clock clock, LocalStack stack, PrintStream out) {
    this.schedule = requireNonNull(schedule, "schedule is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.stack = requireNonNull(stack, "stack is null");
    this.out = requireNonNull(out, "out is null");
  }

  Path logFile() {
    return stack.logDir().resolve("nightly.log");
  }

  /** The next run, if the schedule has one. */
  Optional<ZonedDateTime> nextRun() {
    return schedule.nextRun(ZonedDateTime.now(clock));
  }

  /** What the banner says of the schedule. */
  String describe() {
    return nextRun()
        .map(
            next ->
                schedule
                    + " daily (next "
                    + WHEN.format(next)
                    + "; log "
                    + logFile()
                    + "; ./picshare batch nightly runs them now)")
        .orElse("off (--nightly HH:mm to run the nightly batch jobs daily)");
  }

  /** Arms the timer for the next run. */
  synchronized void start() {
    Optional<ZonedDateTime> next = nextRun();
    if (closed || next.isEmpty()) {
      return;
    }
    long delay = Duration.between(ZonedDateTime.now(clock), next.get()).toMillis();
    timer.schedule(this::runAndReschedule, Math.max(0, delay), TimeUnit.MILLISECONDS);
  }

  private void runAndReschedule() {
    try {
      runNow();
    } catch (RuntimeException e) {
      out.println("Nightly jobs could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    start();
  }

  /** Runs the nightly jobs once and waits for them; returns the exit code. */
  int runNow() throws InterruptedException {
    NodeProcess process;
    synchronized (this) {
      if (closed) {
        return -1;
      }
      process = NodeProcess.start(spec());
      running = process;
    }
    long started = System.nanoTime();
    out.printf("Nightly jobs started (log: %s)%n", logFile());
    int exit;
    try {
      exit = process.onExit().get().exitValue();
    } catch (java.util.concurrent.ExecutionException e) {
      exit = -1;
    } finally {
      synchronized (this) {
        running = null;
      }
    }
    out.printf(
        Locale.ROOT,
        "Nightly jobs %s after %.0f s (log: %s)%n",
        exit == 0 ? "succeeded" : "failed with exit code " + exit,
        (System.nanoTime() - started) / 1e9,
        logFile());
    return exit;
  }

  private NodeProcess.Spec spec() {
    StackEndpoints endpoints = stack.endpoints();
    List<Path> classpath = new ArrayList<>();
    classpath.add(endpoints.hadoopConfDir());
    classpath.addAll(ModuleClasspath.of(stack.options().repoRoot(), "batch-jobs"));
    return new NodeProcess.Spec(
        "nightly",
        "io.picshare.batch.BatchJobs",
        classpath,
        // the unshaded HBase client reads and writes primitives through Unsafe
        List.of("-Xmx512m", "--add-opens", "java.base/java.nio=ALL-UNNAMED"),
        List.of("nightly", "--zookeeper", endpoints.zookeeperQuorum()),
        Optional.empty(),
        Map.of(),
        logFile(),
        Optional::empty);
  }

  @Override
  public synchronized void close() {
    closed = true;
    timer.shutdownNow();
    if (running != null) {
      running.stop(STOP_GRACE);
    }
  }
}
