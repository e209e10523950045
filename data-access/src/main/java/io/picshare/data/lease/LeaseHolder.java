package io.picshare.data.lease;

import static java.util.Objects.requireNonNull;

import io.picshare.data.LeaseStore;
import io.picshare.data.LeaseStore.Lease;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One process's claim on leases of a store: it takes a free or expired lease, renews it, and knows
 * by its own monotonic clock until when it may act on it: a renewal sent at {@code t} makes the
 * lease safe until {@code t + ttl - margin}, so a holder whose renewals fail stops acting before
 * anyone else can take the lease (clocks of instances must agree within the margin).
 */
public final class LeaseHolder {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A lease this holder has, and the {@code System.nanoTime()} until which it may act on it. */
  public record Held(Lease lease, long previousReservedUntilMillis, long safeUntilNanos) {}

  private final LeaseStore store;
  private final Clock clock;
  private final Duration ttl;
  private final Duration margin;
  private final byte[] token = new byte[16];

  public LeaseHolder(LeaseStore store, Clock clock, Duration ttl, Duration margin) {
    this.store = requireNonNull(store, "store is null");
    this.clock = requireNonNull(clock, "clock is null");
    if (!margin.isNegative() && margin.compareTo(ttl) >= 0) {
      throw new IllegalArgumentException(
          "margin " + margin + " must be shorter than the ttl " + ttl);
    }
    this.ttl = ttl;
    this.margin = margin;
    RANDOM.nextBytes(token);
  }

  /**
   * Takes the lease {@code name} if it is free or expired (or already this holder's), reserving ids
   * up to {@code reserveAheadMillis} from now; empty if someone else holds it.
   */
  public CompletableFuture<Optional<Held>> tryAcquire(String name, long reserveAheadMillis) {
    long sentAt = System.nanoTime();
    return store
        .find(name)
        .thenCompose(
            found -> {
              long now = clock.millis();
              if (found.isEmpty()) {
                Lease fresh = lease(name, now, Math.addExact(now, reserveAheadMillis));
                return store
                    .createIfAbsent(fresh)
                    .thenApply(created -> held(created, fresh, Long.MIN_VALUE, sentAt));
              }
              Lease seen = found.get();
              boolean mine = java.util.Arrays.equals(seen.holder(), token);
              if (!mine && seen.expiresAtMillis() >= now) {
                return CompletableFuture.completedFuture(Optional.empty());
              }
              Lease next =
                  lease(name, now, Math.max(seen.reservedUntilMillis(), now + reserveAheadMillis));
              return store
                  .replaceIfUnchanged(seen, next)
                  .thenApply(replaced -> held(replaced, next, seen.reservedUntilMillis(), sentAt));
            });
  }

  /** Renews a held lease; empty if it was lost (someone else took it after it expired). */
  public CompletableFuture<Optional<Held>> renew(Held held, long reserveAheadMillis) {
    long sentAt = System.nanoTime();
    long now = clock.millis();
    Lease next =
        lease(
            held.lease().name(),
            now,
            Math.max(held.lease().reservedUntilMillis(), now + reserveAheadMillis));
    return store
        .renew(next)
        .thenApply(renewed -> held(renewed, next, held.previousReservedUntilMillis(), sentAt));
  }

  /** Lets the lease go at once (expiry now), keeping its reserved range for the next holder. */
  public CompletableFuture<Boolean> release(Held held) {
    Lease current = held.lease();
    return store.renew(new Lease(current.name(), token, 0, current.reservedUntilMillis()));
  }

  private Optional<Held> held(
      boolean written, Lease lease, long previousReserved, long sentAtNanos) {
    return written
        ? Optional.of(new Held(lease, previousReserved, sentAtNanos + ttl.minus(margin).toNanos()))
        : Optional.empty();
  }

  private Lease lease(String name, long now, long reservedUntil) {
    return new Lease(name, token, now + ttl.toMillis(), reservedUntil);
  }

  public Duration ttl() {
    return ttl;
  }
}
