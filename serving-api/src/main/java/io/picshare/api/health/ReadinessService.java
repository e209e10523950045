package io.picshare.api.health;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks every backend at once whether it answers, each within a time limit, so one hung backend
 * shows up as down instead of hanging the probe.
 */
public final class ReadinessService {
  private final List<HealthCheck> checks;
  private final Duration timeout;

  public ReadinessService(List<HealthCheck> checks, Duration timeout) {
    this.checks = List.copyOf(checks);
    this.timeout = timeout;
  }

  public Future<Readiness> check() {
    List<Future<ComponentHealth>> results = checks.stream().map(this::checkOne).toList();
    return Future.all(results).map(all -> new Readiness(results.stream().map(Future::result).toList()));
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
        .otherwise(error -> ComponentHealth.down(check.component(),
            (System.nanoTime() - started) / 1_000_000, describe(error)));
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }

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
