package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The feed benchmark's paste-ready result: the client machine and parameters, which feed layers
 * were there, the cost of one raw HBase get, then an open-loop table (one row per order and rate)
 * and a closed-loop table with the raw-get rate at the same concurrency and the ratio of the two.
 */
final class FeedReport {
  private record OpenRow(String order, int rate, OpenLoopRunner.Level level) {}

  private record ClosedRow(String order, int clients, LevelResult feeds, LevelResult gets) {}

  private final List<OpenRow> open = new ArrayList<>();
  private final List<ClosedRow> closed = new ArrayList<>();
  private LevelResult singleGet;

  void singleGet(LevelResult result) {
    singleGet = requireNonNull(result, "result is null");
  }

  void openLoop(String order, int rate, OpenLoopRunner.Level level) {
    open.add(new OpenRow(order, rate, level));
  }

  void closedLoop(String order, int clients, LevelResult feeds, LevelResult gets) {
    closed.add(new ClosedRow(order, clients, feeds, gets));
  }

  String render(MachineInfo machine, String parameters, String layers) {
    StringBuilder report = new StringBuilder();
    report.append("Client: ").append(machine.describe()).append('\n');
    report.append("Parameters: ").append(parameters).append('\n');
    report.append(layers).append('\n');
    if (singleGet != null) {
      report
          .append('\n')
          .append(
              String.format(
                  Locale.ROOT,
                  "One raw single-row HBase get (1 client, closed loop): %.0f gets/s, p50 %s ms,"
                      + " p99 %s ms.%n",
                  singleGet.successesPerSecond(),
                  MarkdownReport.milliseconds(singleGet.latency().p50()),
                  MarkdownReport.milliseconds(singleGet.latency().p99())));
    }
    if (!open.isEmpty()) {
      report
          .append('\n')
          .append(
              "Open loop (fixed arrival rate; latency from each request's intended send time;"
                  + " requests, ok, errors and latency of the requests intended in the window,"
                  + " served feeds/s of those completed in it):")
          .append("\n\n")
          .append(
              "| order | offered feeds/s | requests | ok | errors | served feeds/s | p50 ms |"
                  + " p90 ms | p99 ms | p99.9 ms | max ms | max in flight |\n")
          .append("|---|" + "---:|".repeat(11) + "\n");
      for (OpenRow row : open) {
        LevelResult r = row.level().intended();
        report.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %d | %d | %s | %.1f | %s | %s | %s | %s | %s | %d |%n",
                row.order(),
                row.rate(),
                r.requests(),
                r.successes(),
                MarkdownReport.errors(r.errors()),
                row.level().served().successesPerSecond(),
                MarkdownReport.milliseconds(r.latency().p50()),
                MarkdownReport.milliseconds(r.latency().p90()),
                MarkdownReport.milliseconds(r.latency().p99()),
                MarkdownReport.milliseconds(r.latency().p999()),
                MarkdownReport.milliseconds(r.latency().max()),
                r.concurrency()));
      }
    }
    if (!closed.isEmpty()) {
      report
          .append('\n')
          .append(
              "Closed loop (N clients, each sending again when answered), beside raw single-row"
                  + " HBase gets at the same concurrency:")
          .append("\n\n")
          .append(
              "| order | clients | feeds/s | p50 ms | p99 ms | errors | raw gets/s | get p50 ms |"
                  + " get p99 ms | feeds/s ÷ gets/s |\n")
          .append("|---|" + "---:|".repeat(9) + "\n");
      for (ClosedRow row : closed) {
        report.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.1f | %s | %s | %s | %.0f | %s | %s | %.2f |%n",
                row.order(),
                row.clients(),
                row.feeds().successesPerSecond(),
                MarkdownReport.milliseconds(row.feeds().latency().p50()),
                MarkdownReport.milliseconds(row.feeds().latency().p99()),
                MarkdownReport.errors(row.feeds().errors()),
                row.gets().successesPerSecond(),
                MarkdownReport.milliseconds(row.gets().latency().p50()),
                MarkdownReport.milliseconds(row.gets().latency().p99()),
                ratio(row.feeds(), row.gets())));
      }
    }
    return report.toString();
  }

  static double ratio(LevelResult feeds, LevelResult gets) {
    double gets0 = gets.successesPerSecond();
    return gets0 == 0 ? 0 : feeds.successesPerSecond() / gets0;
  }
}
