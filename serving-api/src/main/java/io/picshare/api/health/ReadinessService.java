package io.picshare.api.health;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Asks every backend at once whether it answers, each within a time limit, so one hung backend
 * shows up as down instead of hanging the probe. A result is reused for {@code reuseFor} after its
 * check started (and for as long as that check runs), so however many probes arrive, the backends —
 * the NameNode among them — are asked at most about once per {@code reuseFor}.
 */
public final class ReadinessService {
  private final List<HealthCheck> checks;
  private final Duration timeout;
  private final long reuseForMillis;
  private final Clock clock;
  private final LongAdder checksRun = new LongAdder();
  private Latest latest;

  public ReadinessService(
      List<HealthCheck> checks, Duration timeout, Duration reuseFor, Clock clock) {
    this.checks = List.copyOf(checks);
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.reuseForMillis = reuseFor.toMillis();
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The latest readiness, checked anew only if the latest check is finished and older than {@code
   * reuseFor}.
   */
  public synchronized Future<Readiness> check() {
    long now = clock.millis();
    if (latest != null
        && (!latest.result().isComplete() || now - latest.startedMillis() < reuseForMillis)) {
      return latest.result();
    }
    checksRun.increment();
    List<Future<ComponentHealth>> results = checks.stream().map(this::checkOne).toList();
    latest =
        new Latest(
            Future.all(results)
                .map(all -> new Readiness(results.stream().map(Future::result).toList())),
            now);
    return latest.result();
  }

  /** How many times the backends have been asked. */
  public long checksRun() {
    return checksRun.sum();
  }

  private Future<ComponentHealth> checkOne(HealthCheck check) {
    long started = System.nanoTime();
    Future<ComponentHealth> result;
    try {
      result = check.check();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .otherwise(
            error ->
                ComponentHealth.down(
                    check.component(), (System.nanoTime() - started) / 1_000_000, describe(error)));
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getSimpleName()
        + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }

  private record Latest(Future<Readiness> result, long startedMillis) {}

  /** Every backend's health; ready only if all are up. */
  public record Readiness(List<ComponentHealth> components) {
    public Readiness {
      components = List.copyOf(components);
    }

    public boolean ready() {
      return components.stream().allMatch(ComponentHealth::up);
    }
  }
}
