package io.picshare.data.lease;

import static java.util.Objects.requireNonNull;

import io.picshare.data.LeaseStore;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.id.IdGrant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases one of the 1024 id-generator worker ids (lease {@code worker/NNNN}) for this process, so
 * no two live instances issue ids as the same worker, and hands the {@link IdGenerator} the
 * matching {@link IdGrant}. Call {@link #renew()} well within the lease's ttl; if a renewal fails
 * the grant lapses on its own, and a lost lease is replaced by a newly acquired worker id.
 */
public final class WorkerIdLease implements Supplier<IdGrant> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerIdLease.class);
  private static final String PREFIX = "worker/";
  private static final int WORKERS = IdGenerator.MAX_WORKER_ID + 1;

  private final LeaseStore store;
  private final LeaseHolder holder;
  private volatile LeaseHolder.Held held;
  private volatile IdGrant grant = new IdGrant(0, 0, 0, System.nanoTime());

  private WorkerIdLease(LeaseStore store, LeaseHolder holder) {
    this.store = requireNonNull(store, "store is null");
    this.holder = requireNonNull(holder, "holder is null");
  }

  /** Acquires a free or expired worker id; fails if all 1024 are held. */
  public static CompletableFuture<WorkerIdLease> acquire(LeaseStore store, LeaseHolder holder) {
    WorkerIdLease lease = new WorkerIdLease(store, holder);
    return lease.acquireAny().thenApply(acquired -> lease);
  }

  /**
   * Reserves, for a tool that writes rows with ids of its own dated up to {@code untilMillis} (the
   * benchmark's graph generator dates its rows in the past), a worker id that no instance has ever
   * held: it writes that worker's lease already expired (so any instance may take it) but with its
   * reserved range ending at {@code untilMillis}, so whoever holds the worker id later issues only
   * ids after it, and no later reservation picks it again. Completes with the worker id; fails if
   * every worker id has been used.
   */
  public static CompletableFuture<Integer> reserveUnused(
      LeaseStore store, byte[] holder, long untilMillis) {
    return store
        .list(PREFIX)
        .thenCompose(
            existing -> {
              java.util.Set<String> used = new java.util.HashSet<>();
              existing.forEach(lease -> used.add(lease.name()));
              return reserveFrom(store, holder, untilMillis, IdGenerator.MAX_WORKER_ID, used);
            });
  }

  private static CompletableFuture<Integer> reserveFrom(
      LeaseStore store, byte[] holder, long untilMillis, int workerId, java.util.Set<String> used) {
    if (workerId < 0) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("every one of the " + WORKERS + " worker ids has been used"));
    }
    String name = leaseName(workerId);
    if (used.contains(name)) {
      return reserveFrom(store, holder, untilMillis, workerId - 1, used);
    }
    return store
        .createIfAbsent(new LeaseStore.Lease(name, holder, 0, untilMillis))
        .thenCompose(
            created ->
                created
                    ? CompletableFuture.completedFuture(workerId)
                    : reserveFrom(store, holder, untilMillis, workerId - 1, used));
  }

  static String leaseName(int workerId) {
    return PREFIX + String.format("%04d", workerId);
  }

  private CompletableFuture<Void> acquireAny() {
    int start = ThreadLocalRandom.current().nextInt(WORKERS);
    return store
        .list(PREFIX)
        .thenCompose(
            existing -> {
              java.util.Set<String> taken = new java.util.HashSet<>();
              long now = System.currentTimeMillis();
              existing.stream()
                  .filter(lease -> lease.expiresAtMillis() >= now)
                  .forEach(lease -> taken.add(lease.name()));
              return tryFrom(start, 0, taken);
            });
  }

  /**
   * Tries worker ids from {@code start} on, skipping those {@code taken}, until one is acquired.
   */
  private CompletableFuture<Void> tryFrom(int start, int tried, java.util.Set<String> taken) {
    if (tried >= WORKERS) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("all " + WORKERS + " worker ids are leased"));
    }
    int workerId = (start + tried) % WORKERS;
    String name = leaseName(workerId);
    if (taken.contains(name)) {
      return tryFrom(start, tried + 1, taken);
    }
    return holder
        .tryAcquire(name, reserveAheadMillis())
        .thenCompose(
            acquired -> {
              if (acquired.isEmpty()) {
                return tryFrom(start, tried + 1, taken);
              }
              install(acquired.get());
              LOG.info("leased id-generator worker id {}", workerId);
              return CompletableFuture.completedFuture(null);
            });
  }

  private long reserveAheadMillis() {
    return holder.ttl().toMillis();
  }

  private void install(LeaseHolder.Held newlyHeld) {
    held = newlyHeld;
    grant =
        new IdGrant(
            workerId(newlyHeld),
            newlyHeld.previousReservedUntilMillis(),
            newlyHeld.lease().reservedUntilMillis(),
            newlyHeld.safeUntilNanos());
  }

  private static int workerId(LeaseHolder.Held held) {
    return Integer.parseInt(held.lease().name().substring(PREFIX.length()));
  }

  /**
   * Renews the lease and extends the grant; if the lease was lost, acquires another worker id.
   * Completes normally when the store is unreachable (the grant then lapses by itself).
   */
  public CompletableFuture<Void> renew() {
    LeaseHolder.Held current = held;
    return holder
        .renew(current, reserveAheadMillis())
        .thenCompose(
            renewed -> {
              if (renewed.isPresent()) {
                install(renewed.get());
                return CompletableFuture.<Void>completedFuture(null);
              }
              LOG.error(
                  "lost the lease on worker id {}; no ids are issued until another is leased",
                  workerId(current));
              grant = new IdGrant(grant.workerId(), 0, 0, System.nanoTime());
              return acquireAny();
            })
        .exceptionally(
            error -> {
              LOG.warn(
                  "renewing the worker-id lease failed (ids stop when it lapses): {}",
                  error.toString());
              return null;
            });
  }

  /** Releases the worker id at shutdown, so the next process need not wait for it to expire. */
  public CompletableFuture<Boolean> release() {
    grant = new IdGrant(grant.workerId(), 0, 0, System.nanoTime());
    return holder.release(held);
  }

  /** The grant ids are issued under now. */
  @Override
  public IdGrant get() {
    return grant;
  }

  /** The leased worker id. */
  public int workerId() {
    return workerId(held);
  }
}
