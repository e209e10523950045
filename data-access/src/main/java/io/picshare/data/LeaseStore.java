package io.picshare.data;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Named, expiring leases (worker ids of id generators, the active outbox relay). Every change is a
 * compare-and-set, so two instances never both hold a lease they both renewed.
 */
public interface LeaseStore {
  /** A lease as stored: its holder's token, expiry and (for worker ids) reserved id range. */
  record Lease(String name, byte[] holder, long expiresAtMillis, long reservedUntilMillis) {
    public Lease {
      holder = holder.clone();
    }

    @Override
    public byte[] holder() {
      return holder.clone();
    }
  }

  /** Every lease whose name starts with {@code prefix}. */
  CompletableFuture<List<Lease>> list(String prefix);

  CompletableFuture<Optional<Lease>> find(String name);

  /** Writes {@code lease} if no lease of that name exists. */
  CompletableFuture<Boolean> createIfAbsent(Lease lease);

  /**
   * Replaces {@code seen} (e.g. expired) with {@code next}, if it is unchanged since it was read.
   */
  CompletableFuture<Boolean> replaceIfUnchanged(Lease seen, Lease next);

  /** Writes {@code next} if the stored lease is still held by {@code next.holder()}. */
  CompletableFuture<Boolean> renew(Lease next);
}
