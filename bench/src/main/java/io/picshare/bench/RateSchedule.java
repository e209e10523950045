package io.picshare.bench;

import java.time.Duration;

/**
 * When an open-loop level means to send each request: request {@code i} at {@code startNanos + i /
 * perSecond} on the {@link System#nanoTime()} scale, whatever happened to earlier ones. A sender
 * that falls behind sends the overdue requests at once instead of thinning the load, and each
 * request's latency is measured from its intended time, so queueing (in the client or the server)
 * shows in the figures instead of being hidden (coordinated omission).
 */
record RateSchedule(long startNanos, double perSecond) {
  RateSchedule {
    if (!(perSecond > 0) || perSecond > 1_000_000) {
      throw new IllegalArgumentException("rate must be in (0, 1000000] per second: " + perSecond);
    }
  }

  /** The intended send time of request {@code i} (from 0). */
  long intendedNanos(long i) {
    if (i < 0) {
      throw new IllegalArgumentException("negative request index " + i);
    }
    return startNanos + (long) Math.floor(i * 1e9 / perSecond);
  }

  /** How many requests are due at {@code nowNanos}: those intended at or before it. */
  long dueBy(long nowNanos) {
    if (nowNanos - startNanos < 0) {
      return 0;
    }
    return (long) Math.floor((nowNanos - startNanos) * perSecond / 1e9) + 1;
  }

  /** How many requests the schedule sends in its first {@code length}. */
  long count(Duration length) {
    return (long) Math.ceil(length.toNanos() * perSecond / 1e9);
  }
}
