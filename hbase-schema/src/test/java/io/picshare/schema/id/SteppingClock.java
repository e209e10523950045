package io.picshare.schema.id;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock set by hand that can also advance by one millisecond every {@code n} reads. */
final class SteppingClock extends Clock {
  private long millis;
  private final int readsPerTick;
  private int reads;

  SteppingClock(long millis, int readsPerTick) {
    this.millis = millis;
    this.readsPerTick = readsPerTick;
  }

  static SteppingClock fixedAt(long millis) {
    return new SteppingClock(millis, Integer.MAX_VALUE);
  }

  synchronized void set(long millis) {
    this.millis = millis;
  }

  @Override
  public synchronized long millis() {
    if (++reads > readsPerTick) {
      reads = 1;
      millis++;
    }
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
