package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The paste-ready result: a line on the client machine, a line on the parameters, then a Markdown
 * table with one row per concurrency level. Latencies are of successful requests, in milliseconds;
 * throughput counts successes only.
 */
final class MarkdownReport {
  private final String rateColumn;
  private final boolean showMebibytes;

  private MarkdownReport(String rateColumn, boolean showMebibytes) {
    this.rateColumn = requireNonNull(rateColumn, "rateColumn is null");
    this.showMebibytes = showMebibytes;
  }

  static MarkdownReport forUploads() {
    return new MarkdownReport("uploads/s", false);
  }

  static MarkdownReport forDownloads() {
    return new MarkdownReport("req/s", true);
  }

  String render(MachineInfo machine, String parameters, List<LevelResult> levels) {
    StringBuilder report =
        new StringBuilder()
            .append("Client: ")
            .append(machine.describe())
            .append('\n')
            .append("Parameters: ")
            .append(parameters)
            .append('\n')
            .append('\n')
            .append(headerRow())
            .append('\n')
            .append(alignmentRow())
            .append('\n');
    levels.forEach(level -> report.append(row(level)).append('\n'));
    return report.toString();
  }

  String headerRow() {
    return "| concurrency | requests | ok | errors | "
        + rateColumn
        + (showMebibytes ? " | MB/s" : "")
        + " | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |";
  }

  String alignmentRow() {
    int columns = showMebibytes ? 11 : 10;
    return "|" + "---:|".repeat(columns);
  }

  String row(LevelResult level) {
    LatencySummary latency = level.latency();
    return String.format(
        Locale.ROOT,
        "| %d | %d | %d | %s | %.1f%s | %s | %s | %s | %s | %s |",
        level.concurrency(),
        level.requests(),
        level.successes(),
        errors(level.errors()),
        level.successesPerSecond(),
        showMebibytes ? String.format(Locale.ROOT, " | %.1f", level.mebibytesPerSecond()) : "",
        milliseconds(latency.p50()),
        milliseconds(latency.p90()),
        milliseconds(latency.p99()),
        milliseconds(latency.p999()),
        milliseconds(latency.max()));
  }

  /** One progress line for a finished level. */
  String summary(LevelResult level) {
    return String.format(
        Locale.ROOT,
        "c=%d done: %d ok of %d in %.1f s = %.1f %s%s, p50 %s ms, p99 %s ms, max %s ms, errors %s",
        level.concurrency(),
        level.successes(),
        level.requests(),
        level.window().toMillis() / 1000.0,
        level.successesPerSecond(),
        rateColumn,
        showMebibytes ? String.format(Locale.ROOT, " (%.1f MB/s)", level.mebibytesPerSecond()) : "",
        milliseconds(level.latency().p50()),
        milliseconds(level.latency().p99()),
        milliseconds(level.latency().max()),
        errors(level.errors()));
  }

  /** Two decimals under 10 ms, one under 1 s, none above; "-" when nothing was measured. */
  static String milliseconds(long micros) {
    if (micros == 0) {
      return "-";
    }
    double millis = micros / 1000.0;
    String format = millis < 10 ? "%.2f" : millis < 1000 ? "%.1f" : "%.0f";
    return String.format(Locale.ROOT, format, millis);
  }

  /** {@code 0}, or the counts by key in the result's order, e.g. {@code 429: 45, timeout: 2}. */
  static String errors(Map<String, Long> errors) {
    if (errors.isEmpty()) {
      return "0";
    }
    return errors.entrySet().stream()
        .map(entry -> entry.getKey() + ": " + entry.getValue())
        .collect(Collectors.joining(", "));
  }
}
