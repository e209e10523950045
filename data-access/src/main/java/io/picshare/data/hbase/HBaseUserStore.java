package io.picshare.data.hbase;

import io.picshare.data.UserAccount;
import io.picshare.data.UserStore;
import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.key.UsernameRowKey;
import io.picshare.schema.record.UserRecord;
import io.picshare.schema.table.UsernamesTable;
import io.picshare.schema.table.UsersTable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@link UserStore} on {@code picshare:users} and {@code picshare:usernames}: the username is
 * claimed put-if-absent, then the user row is written put-if-absent; if the second fails, the
 * username is released again (only if it still names this user). A create that finds the username
 * already naming its user id, or the user row already equal to its record, recognises its own
 * earlier write (a lost reply, or a tool rerun after a crash) and carries on.
 */
public final class HBaseUserStore implements UserStore {
  private final HBaseConnection hbase;

  public HBaseUserStore(HBaseConnection hbase) {
    this.hbase = hbase;
  }

  @Override
  public CompletableFuture<Created> create(UserRecord user) {
    byte[] usernameRow = new UsernameRowKey(user.username()).encode();
    byte[] userId = Bytes.toBytes(user.userId());
    CheckAndMutate claim =
        CheckAndMutate.newBuilder(usernameRow)
            .ifNotExists(UsernamesTable.USER, UsernamesTable.USER_ID)
            .build(
                new Put(usernameRow)
                    .addColumn(UsernamesTable.USER, UsernamesTable.USER_ID, userId));
    return hbase
        .table(UsernamesTable.NAME)
        .thenCompose(table -> table.checkAndMutate(claim))
        .thenCompose(
            claimed ->
                claimed.isSuccess()
                    ? CompletableFuture.completedFuture(true)
                    : claimedBy(usernameRow).thenApply(owner -> owner == user.userId()))
        .thenCompose(
            ours ->
                ours
                    ? insertProfile(user, usernameRow, userId)
                    : CompletableFuture.completedFuture(Created.USERNAME_TAKEN));
  }

  /**
   * Writes the user row once the username is claimed for it. A row equal to {@code user} counts as
   * written: a create whose reply was lost, or one retried after a crash with the same record.
   */
  private CompletableFuture<Created> insertProfile(
      UserRecord user, byte[] usernameRow, byte[] userId) {
    Put profile = user.toPut();
    CheckAndMutate insert =
        CheckAndMutate.newBuilder(profile.getRow())
            .ifNotExists(UsersTable.PROFILE, UsersTable.USERNAME)
            .build(profile);
    return hbase
        .table(UsersTable.NAME)
        .thenCompose(table -> table.checkAndMutate(insert))
        .thenCompose(
            inserted ->
                inserted.isSuccess()
                    ? CompletableFuture.completedFuture(true)
                    : hbase
                        .table(UsersTable.NAME)
                        .thenCompose(
                            table ->
                                table.get(new Get(profile.getRow()).addFamily(UsersTable.PROFILE)))
                        .thenApply(
                            existing ->
                                !existing.isEmpty()
                                    && UserRecord.fromResult(existing).equals(user)))
        .handle(
            (written, error) ->
                error == null && written
                    ? CompletableFuture.completedFuture(Created.CREATED)
                    : releaseUsername(usernameRow, userId)
                        .thenCompose(
                            released ->
                                error == null
                                    ? CompletableFuture.completedFuture(Created.ID_TAKEN)
                                    : CompletableFuture.<Created>failedFuture(error)))
        .thenCompose(outcome -> outcome);
  }

  /** The user id the username row names, or -1 if none. */
  private CompletableFuture<Long> claimedBy(byte[] usernameRow) {
    return hbase
        .table(UsernamesTable.NAME)
        .thenCompose(table -> table.get(new Get(usernameRow)))
        .thenApply(
            result -> {
              byte[] id = result.getValue(UsernamesTable.USER, UsernamesTable.USER_ID);
              return id == null ? -1L : Bytes.toLong(id);
            });
  }

  private CompletableFuture<Boolean> releaseUsername(byte[] usernameRow, byte[] userId) {
    CheckAndMutate release =
        CheckAndMutate.newBuilder(usernameRow)
            .ifEquals(UsernamesTable.USER, UsernamesTable.USER_ID, userId)
            .build(new Delete(usernameRow));
    return hbase
        .table(UsernamesTable.NAME)
        .thenCompose(table -> table.checkAndMutate(release))
        .thenApply(CheckAndMutateResult::isSuccess);
  }

  @Override
  public CompletableFuture<Optional<UserAccount>> findByUsername(String username) {
    if (!UsernameRowKey.isValid(username)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    byte[] usernameRow = new UsernameRowKey(username).encode();
    return hbase
        .table(UsernamesTable.NAME)
        .thenCompose(table -> table.get(new Get(usernameRow)))
        .thenCompose(
            result -> {
              byte[] id = result.getValue(UsernamesTable.USER, UsernamesTable.USER_ID);
              return id == null
                  ? CompletableFuture.completedFuture(Optional.<UserAccount>empty())
                  : findById(Bytes.toLong(id));
            });
  }

  @Override
  public CompletableFuture<Optional<UserAccount>> findById(long userId) {
    return hbase
        .table(UsersTable.NAME)
        .thenCompose(table -> table.get(new Get(new UserRowKey(userId).encode())))
        .thenApply(HBaseUserStore::toAccount);
  }

  @Override
  public CompletableFuture<List<Optional<UserAccount>>> findAllById(List<Long> userIds) {
    if (userIds.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<Get> gets = userIds.stream().map(id -> new Get(new UserRowKey(id).encode())).toList();
    return hbase
        .table(UsersTable.NAME)
        .thenCompose(table -> table.getAll(gets))
        .thenApply(results -> results.stream().map(HBaseUserStore::toAccount).toList());
  }

  @Override
  public CompletableFuture<List<UserAccount>> findByUsernamePrefix(String prefix, int limit) {
    Optional<byte[]> start = UsernameRowKey.prefix(prefix);
    if (start.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    // A claimed username whose account write never finished has no user row: skip it.
    Scan scan =
        new Scan()
            .setStartStopRowForPrefixScan(start.get())
            .addColumn(UsernamesTable.USER, UsernamesTable.USER_ID)
            .setLimit(limit)
            .setCaching(limit);
    return hbase
        .table(UsernamesTable.NAME)
        .thenCompose(table -> table.scanAll(scan))
        .thenCompose(
            rows -> {
              List<CompletableFuture<Optional<UserAccount>>> accounts =
                  rows.stream()
                      .map(
                          row ->
                              findById(
                                  Bytes.toLong(
                                      row.getValue(UsernamesTable.USER, UsernamesTable.USER_ID))))
                      .toList();
              return CompletableFuture.allOf(accounts.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done ->
                          accounts.stream()
                              .map(CompletableFuture::join)
                              .flatMap(Optional::stream)
                              .toList());
            });
  }

  @Override
  public CompletableFuture<Void> addToPhotoCount(long userId, long delta) {
    return increment(userId, UsersTable.PHOTO_COUNT, delta);
  }

  @Override
  public CompletableFuture<Void> addToFollowCounts(long followerId, long followeeId, long delta) {
    return CompletableFuture.allOf(
        increment(followerId, UsersTable.FOLLOWING_COUNT, delta),
        increment(followeeId, UsersTable.FOLLOWER_COUNT, delta));
  }

  @Override
  public CompletableFuture<Void> addToCounts(
      long userId, long photos, long followers, long following) {
    Increment increment = new Increment(new UserRowKey(userId).encode());
    if (photos != 0) {
      increment.addColumn(UsersTable.COUNTERS, UsersTable.PHOTO_COUNT, photos);
    }
    if (followers != 0) {
      increment.addColumn(UsersTable.COUNTERS, UsersTable.FOLLOWER_COUNT, followers);
    }
    if (following != 0) {
      increment.addColumn(UsersTable.COUNTERS, UsersTable.FOLLOWING_COUNT, following);
    }
    if (increment.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return hbase
        .table(UsersTable.NAME)
        .thenCompose(table -> table.increment(increment))
        .thenApply(result -> null);
  }

  private CompletableFuture<Void> increment(long userId, byte[] counter, long delta) {
    Increment increment =
        new Increment(new UserRowKey(userId).encode())
            .addColumn(UsersTable.COUNTERS, counter, delta);
    return hbase
        .table(UsersTable.NAME)
        .thenCompose(table -> table.increment(increment))
        .thenApply(result -> null);
  }

  private static Optional<UserAccount> toAccount(Result result) {
    if (result.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new UserAccount(
            UserRecord.fromResult(result),
            Counters.read(result, UsersTable.PHOTO_COUNT),
            Counters.read(result, UsersTable.FOLLOWER_COUNT),
            Counters.read(result, UsersTable.FOLLOWING_COUNT)));
  }
}
