package io.picshare.data.repair;

import static java.util.Objects.requireNonNull;

import io.picshare.data.hbase.HBaseConnection;
import java.util.List;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.AsyncTable;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Row;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * What the repairs do to a table, blocking (they run as a tool, never on an event loop): stream a
 * full scan, and correct a counter by an {@code Increment} of the difference, so that changes made
 * while the repair runs are added to, never overwritten.
 */
final class TableAccess {
  private static final int SCAN_CACHING = 1000;

  private final HBaseConnection hbase;

  TableAccess(HBaseConnection hbase) {
    this.hbase = requireNonNull(hbase, "hbase is null");
  }

  Iterable<Result> scan(TableName table, Scan scan) {
    return () -> table(table).getScanner(scan.setCaching(SCAN_CACHING)).iterator();
  }

  /**
   * Adds {@code expected} minus the counter's value in {@code row} (a missing cell counts 0) to the
   * stored counter; whether it had to.
   */
  boolean correctCounter(
      TableName table, Result row, byte[] family, byte[] qualifier, long expected) {
    byte[] stored = row.getValue(family, qualifier);
    long delta = expected - (stored == null ? 0 : Bytes.toLong(stored));
    if (delta == 0) {
      return false;
    }
    table(table).increment(new Increment(row.getRow()).addColumn(family, qualifier, delta)).join();
    return true;
  }

  /** Runs the mutations (puts, deletes), all at once. */
  void mutate(TableName table, List<? extends Row> mutations) {
    if (!mutations.isEmpty()) {
      table(table).batchAll(mutations).join();
    }
  }

  /** The rows, in order (an empty result for a missing one). */
  List<Result> getAll(TableName table, List<org.apache.hadoop.hbase.client.Get> gets) {
    return table(table).getAll(gets).join();
  }

  private AsyncTable<?> table(TableName table) {
    return hbase.get().join().getTable(table);
  }
}
