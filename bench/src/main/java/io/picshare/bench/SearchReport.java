package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The search benchmark's paste-ready result: the client machine and parameters, an open-loop table
 * (one row per target and rate: the API's {@code GET /v1/search/photos} and the same query sent
 * straight to Solr) and a closed-loop table with both at the same concurrency.
 */
final class SearchReport {
  private record OpenRow(String target, int rate, OpenLoopRunner.Level level) {}

  private record ClosedRow(int clients, LevelResult api, LevelResult solr) {}

  private final List<OpenRow> open = new ArrayList<>();
  private final List<ClosedRow> closed = new ArrayList<>();

  void openLoop(String target, int rate, OpenLoopRunner.Level level) {
    open.add(new OpenRow(requireNonNull(target, "target is null"), rate, level));
  }

  void closedLoop(int clients, LevelResult api, LevelResult solr) {
    closed.add(new ClosedRow(clients, api, solr));
  }

  String render(MachineInfo machine, String parameters) {
    StringBuilder report = new StringBuilder();
    report.append("Client: ").append(machine.describe()).append('\n');
    report.append("Parameters: ").append(parameters).append('\n');
    if (!open.isEmpty()) {
      report
          .append('\n')
          .append(
              "Open loop (fixed arrival rate; latency from each request's intended send time, so"
                  + " queueing counts):")
          .append("\n\n")
          .append(
              "| target | offered q/s | requests | ok | errors | served q/s | p50 ms | p90 ms |"
                  + " p99 ms | p99.9 ms | max ms |\n")
          .append("|---|" + "---:|".repeat(10) + "\n");
      for (OpenRow row : open) {
        LevelResult r = row.level().intended();
        report.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %d | %d | %s | %.1f | %s | %s | %s | %s | %s |%n",
                row.target(),
                row.rate(),
                r.requests(),
                r.successes(),
                MarkdownReport.errors(r.errors()),
                row.level().served().successesPerSecond(),
                MarkdownReport.milliseconds(r.latency().p50()),
                MarkdownReport.milliseconds(r.latency().p90()),
                MarkdownReport.milliseconds(r.latency().p99()),
                MarkdownReport.milliseconds(r.latency().p999()),
                MarkdownReport.milliseconds(r.latency().max())));
      }
    }
    if (!closed.isEmpty()) {
      report
          .append('\n')
          .append(
              "Closed loop (N clients, each sending again when answered): the API beside raw"
                  + " Solr at the same concurrency:")
          .append("\n\n")
          .append(
              "| clients | API q/s | API p50 ms | API p99 ms | API errors | Solr q/s | Solr p50 ms"
                  + " | Solr p99 ms | Solr errors |\n")
          .append("|---:|" + "---:|".repeat(8) + "\n");
      for (ClosedRow row : closed) {
        report.append(
            String.format(
                Locale.ROOT,
                "| %d | %.1f | %s | %s | %s | %.1f | %s | %s | %s |%n",
                row.clients(),
                row.api().successesPerSecond(),
                MarkdownReport.milliseconds(row.api().latency().p50()),
                MarkdownReport.milliseconds(row.api().latency().p99()),
                MarkdownReport.errors(row.api().errors()),
                row.solr().successesPerSecond(),
                MarkdownReport.milliseconds(row.solr().latency().p50()),
                MarkdownReport.milliseconds(row.solr().latency().p99()),
                MarkdownReport.errors(row.solr().errors())));
      }
    }
    return report.toString();
  }
}
