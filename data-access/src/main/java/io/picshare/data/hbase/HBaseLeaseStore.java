package io.picshare.data.hbase;

import static io.picshare.schema.table.LeasesTable.EXPIRES_AT;
import static io.picshare.schema.table.LeasesTable.HOLDER;
import static io.picshare.schema.table.LeasesTable.LEASE;
import static io.picshare.schema.table.LeasesTable.RESERVED_UNTIL;

import io.picshare.data.LeaseStore;
import io.picshare.schema.table.LeasesTable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@link LeaseStore} on {@code picshare:leases}. Replacing an expired lease is conditional on its
 * expiry cell being unchanged (a renewal always moves it), renewing on the holder cell.
 */
public final class HBaseLeaseStore implements LeaseStore {
  private final HBaseConnection hbase;

  public HBaseLeaseStore(HBaseConnection hbase) {
    this.hbase = hbase;
  }

  @Override
  public CompletableFuture<List<Lease>> list(String prefix) {
    Scan scan = new Scan().setStartStopRowForPrefixScan(Bytes.toBytes(prefix));
    return hbase
        .table(LeasesTable.NAME)
        .thenCompose(table -> table.scanAll(scan))
        .thenApply(results -> results.stream().map(HBaseLeaseStore::toLease).toList());
  }

  @Override
  public CompletableFuture<Optional<Lease>> find(String name) {
    return hbase
        .table(LeasesTable.NAME)
        .thenCompose(table -> table.get(new Get(Bytes.toBytes(name))))
        .thenApply(result -> result.isEmpty() ? Optional.empty() : Optional.of(toLease(result)));
  }

  @Override
  public CompletableFuture<Boolean> createIfAbsent(Lease lease) {
    return mutate(
        CheckAndMutate.newBuilder(Bytes.toBytes(lease.name()))
            .ifNotExists(LEASE, HOLDER)
            .build(put(lease)));
  }

  @Override
  public CompletableFuture<Boolean> replaceIfUnchanged(Lease seen, Lease next) {
    return mutate(
        CheckAndMutate.newBuilder(Bytes.toBytes(seen.name()))
            .ifEquals(LEASE, EXPIRES_AT, Bytes.toBytes(seen.expiresAtMillis()))
            .build(put(next)));
  }

  @Override
  public CompletableFuture<Boolean> renew(Lease next) {
    return mutate(
        CheckAndMutate.newBuilder(Bytes.toBytes(next.name()))
            .ifEquals(LEASE, HOLDER, next.holder())
            .build(put(next)));
  }

  private CompletableFuture<Boolean> mutate(CheckAndMutate mutation) {
    return hbase
        .table(LeasesTable.NAME)
        .thenCompose(table -> table.checkAndMutate(mutation))
        .thenApply(CheckAndMutateResult::isSuccess);
  }

  private static Put put(Lease lease) {
    return new Put(Bytes.toBytes(lease.name()))
        .addColumn(LEASE, HOLDER, lease.holder())
        .addColumn(LEASE, EXPIRES_AT, Bytes.toBytes(lease.expiresAtMillis()))
        .addColumn(LEASE, RESERVED_UNTIL, Bytes.toBytes(lease.reservedUntilMillis()));
  }

  private static Lease toLease(Result result) {
    byte[] reserved = result.getValue(LEASE, RESERVED_UNTIL);
    return new Lease(
        Bytes.toString(result.getRow()),
        result.getValue(LEASE, HOLDER),
        Bytes.toLong(result.getValue(LEASE, EXPIRES_AT)),
        reserved == null ? Long.MIN_VALUE : Bytes.toLong(reserved));
  }
}
