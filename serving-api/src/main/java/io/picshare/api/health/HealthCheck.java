package io.picshare.api.health;

import io.vertx.core.Future;

/** A backend that can say whether it answers. Implementations never block the caller. */
public interface HealthCheck {
  String component();

  /** Completes with the backend's health; failures are reported by the caller as down. */
  Future<ComponentHealth> check();
}
