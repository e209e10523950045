package io.picshare.api.health;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Whether one backend answered, how fast, and what it said (e.g. live DataNodes).
 *
 * @param detail facts worth showing an operator; never secrets
 */
public record ComponentHealth(
    String component, boolean up, long latencyMillis, Map<String, Object> detail) {
  public ComponentHealth {
    requireNonNull(component, "component is null");
    detail = Map.copyOf(detail);
  }

  public static ComponentHealth up(
      String component, long latencyMillis, Map<String, Object> detail) {
    return new ComponentHealth(component, true, latencyMillis, detail);
  }

  public static ComponentHealth down(String component, long latencyMillis, String error) {
    return new ComponentHealth(component, false, latencyMillis, Map.of("error", error));
  }
}
