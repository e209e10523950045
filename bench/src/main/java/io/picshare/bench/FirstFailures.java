package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Prints the first failure of each kind once (its detail shows why), from any thread. */
final class FirstFailures {
  private final PrintWriter out;
  private final Set<String> shown = ConcurrentHashMap.newKeySet();

  FirstFailures(PrintWriter out) {
    this.out = requireNonNull(out, "out is null");
  }

  void showFirst(Outcome outcome) {
    if (outcome.succeeded() || !shown.add(outcome.errorKey().orElseThrow())) {
      return;
    }
    out.printf(
        "  first %s: %s%n", outcome.errorKey().orElseThrow(), BenchSetup.oneLine(outcome.detail()));
  }
}
