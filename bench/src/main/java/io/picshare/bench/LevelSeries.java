package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** Runs a benchmark's concurrency levels one after the other, then prints the Markdown report. */
final class LevelSeries {
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

  private final LoadParameters parameters;
  private final MarkdownReport report;
  private final PrintWriter out;
  private final Clock clock;

  LevelSeries(LoadParameters parameters, MarkdownReport report, PrintWriter out, Clock clock) {
    this.parameters = requireNonNull(parameters, "parameters is null");
    this.report = requireNonNull(report, "report is null");
    this.out = requireNonNull(out, "out is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Runs every level with {@code operation}, printing a summary line as each finishes. */
  List<LevelResult> run(Supplier<CompletableFuture<Outcome>> operation)
      throws InterruptedException {
    ScheduledExecutorService scheduler = DaemonThreads.scheduler("bench-progress");
    try {
      LevelRunner runner =
          new LevelRunner(
              out, scheduler, PROGRESS_INTERVAL, parameters.requestTimeout().plusSeconds(5));
      List<LevelResult> results = new ArrayList<>();
      for (int concurrency : parameters.concurrencyLevels()) {
        out.printf(
            Locale.ROOT,
            "c=%d: %d s warm-up, then %d s measured%n",
            concurrency,
            parameters.warmup().toSeconds(),
            parameters.duration().toSeconds());
        LevelResult result =
            runner.run(concurrency, parameters.warmup(), parameters.duration(), operation);
        out.println(report.summary(result));
        results.add(result);
      }
      return List.copyOf(results);
    } finally {
      scheduler.shutdownNow();
    }
  }

  void printReport(String workload, List<LevelResult> results) {
    out.println();
    out.print(
        report.render(
            MachineInfo.current(),
            parameters.describe(workload) + "; " + clock.instant().truncatedTo(ChronoUnit.SECONDS),
            results));
    if (results.stream().anyMatch(result -> result.errors().containsKey("429"))) {
      out.println();
      out.println(
          "Some requests were rate-limited (429). The server limits uploads per user"
              + " (config key rate-limit-uploads-per-minute, e.g. PICSHARE_RATE_LIMIT_UPLOADS_PER_MINUTE=1000000"
              + " ./picshare up) and requests per client IP; raise the limits or use more --users for a benchmark.");
    }
    out.flush();
  }
}
