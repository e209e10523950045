package io.picshare.data.hbase;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The cell of a relation row (a follow, a like): it holds the relation's 8-byte id while the
 * relation stands and is empty once it ended. Starting and ending are compare-and-set and nothing
 * is deleted, so no delete marker can hide a relation started right after one ended. A start whose
 * reply was lost is retried by the HBase client and fails its own check; finding its id in the cell
 * tells it the first try landed.
 */
final class RelationCell {
  private static final byte[] ENDED = new byte[0];

  private final HBaseConnection hbase;
  private final TableName table;
  private final byte[] family;
  private final byte[] qualifier;

  RelationCell(HBaseConnection hbase, TableName table, byte[] family, byte[] qualifier) {
    this.hbase = requireNonNull(hbase, "hbase is null");
    this.table = requireNonNull(table, "table is null");
    this.family = family.clone();
    this.qualifier = qualifier.clone();
  }

  /** The relation's id, if it stands. */
  CompletableFuture<OptionalLong> read(byte[] row) {
    return get(row).thenApply(this::idOf);
  }

  /** The ids of the relations of {@code rows}, in order. */
  CompletableFuture<List<OptionalLong>> readAll(List<byte[]> rows) {
    List<Get> gets = rows.stream().map(row -> new Get(row).addColumn(family, qualifier)).toList();
    return hbase
        .table(table)
        .thenCompose(t -> t.getAll(gets))
        .thenApply(results -> results.stream().map(this::idOf).toList());
  }

  /** Starts the relation with {@code id}; {@code false} if it stood already. */
  CompletableFuture<Boolean> start(byte[] row, long id) {
    return start(row, id, true);
  }

  /**
   * Starts many relations in two multi-row round trips (a multi-get, then one batch of
   * compare-and-sets): for each row, whether the relation now stands with exactly its id, started
   * by this call or by an earlier call with the same id (so a rerun batch is harmless). {@code
   * false} means it stands with another id (or was started and ended again meanwhile).
   */
  CompletableFuture<List<Boolean>> startAll(List<byte[]> rows, List<Long> ids) {
    if (rows.size() != ids.size()) {
      throw new IllegalArgumentException("need one id per row");
    }
    if (rows.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<Get> gets = rows.stream().map(row -> new Get(row).addColumn(family, qualifier)).toList();
    return hbase
        .table(table)
        .thenCompose(
            t ->
                t.getAll(gets)
                    .thenCompose(
                        current -> {
                          Boolean[] standing = new Boolean[rows.size()];
                          List<Integer> absent = new ArrayList<>();
                          List<CheckAndMutate> starts = new ArrayList<>();
                          for (int i = 0; i < rows.size(); i++) {
                            byte[] value = current.get(i).getValue(family, qualifier);
                            if (value != null && value.length == Long.BYTES) {
                              standing[i] = Bytes.toLong(value) == ids.get(i);
                              continue;
                            }
                            CheckAndMutate.Builder condition =
                                CheckAndMutate.newBuilder(rows.get(i));
                            condition =
                                value == null
                                    ? condition.ifNotExists(family, qualifier)
                                    : condition.ifEquals(family, qualifier, ENDED);
                            absent.add(i);
                            starts.add(
                                condition.build(put(rows.get(i), Bytes.toBytes(ids.get(i)))));
                          }
                          if (starts.isEmpty()) {
                            return CompletableFuture.completedFuture(List.of(standing));
                          }
                          return t.checkAndMutateAll(starts)
                              .thenCompose(
                                  results -> {
                                    List<CompletableFuture<Void>> checks = new ArrayList<>();
                                    for (int j = 0; j < results.size(); j++) {
                                      int i = absent.get(j);
                                      if (results.get(j).isSuccess()) {
                                        standing[i] = true;
                                      } else {
                                        // lost a race or a lost reply: the cell tells which
                                        long id = ids.get(i);
                                        checks.add(
                                            read(rows.get(i))
                                                .thenAccept(
                                                    now -> {
                                                      standing[i] =
                                                          now.isPresent() && now.getAsLong() == id;
                                                    }));
                                      }
                                    }
                                    return CompletableFuture.allOf(
                                            checks.toArray(CompletableFuture[]::new))
                                        .thenApply(done -> List.of(standing));
                                  });
                        }));
  }

  private CompletableFuture<Boolean> start(byte[] row, long id, boolean mayRetry) {
    return get(row)
        .thenCompose(
            current -> {
              byte[] value = current.getValue(family, qualifier);
              if (value != null && value.length == Long.BYTES) {
                return CompletableFuture.completedFuture(false);
              }
              CheckAndMutate.Builder condition = CheckAndMutate.newBuilder(row);
              condition =
                  value == null
                      ? condition.ifNotExists(family, qualifier)
                      : condition.ifEquals(family, qualifier, ENDED);
              return mutate(condition.build(put(row, Bytes.toBytes(id))))
                  .thenCompose(
                      started ->
                          started
                              ? CompletableFuture.completedFuture(true)
                              : read(row)
                                  .thenCompose(
                                      now -> {
                                        if (now.isPresent()) {
                                          return CompletableFuture.completedFuture(
                                              now.getAsLong() == id);
                                        }
                                        // ended again in between: try once more
                                        return mayRetry
                                            ? start(row, id, false)
                                            : CompletableFuture.completedFuture(false);
                                      }));
            });
  }

  /**
   * Ends the relation; the id it ended, or empty if none stood. An end whose reply was lost reads
   * as not ended by this call (its counters then drift by one until the repair).
   */
  CompletableFuture<OptionalLong> end(byte[] row) {
    return read(row)
        .thenCompose(
            current -> {
              if (current.isEmpty()) {
                return CompletableFuture.completedFuture(current);
              }
              CheckAndMutate end =
                  CheckAndMutate.newBuilder(row)
                      .ifEquals(family, qualifier, Bytes.toBytes(current.getAsLong()))
                      .build(put(row, ENDED));
              return mutate(end).thenApply(ended -> ended ? current : OptionalLong.empty());
            });
  }

  private OptionalLong idOf(Result result) {
    byte[] value = result.getValue(family, qualifier);
    return value != null && value.length == Long.BYTES
        ? OptionalLong.of(Bytes.toLong(value))
        : OptionalLong.empty();
  }

  private Put put(byte[] row, byte[] value) {
    return new Put(row).addColumn(family, qualifier, value);
  }

  private CompletableFuture<Result> get(byte[] row) {
    return hbase.table(table).thenCompose(t -> t.get(new Get(row).addColumn(family, qualifier)));
  }

  private CompletableFuture<Boolean> mutate(CheckAndMutate mutation) {
    return hbase
        .table(table)
        .thenCompose(t -> t.checkAndMutate(mutation))
        .thenApply(CheckAndMutateResult::isSuccess);
  }
}
