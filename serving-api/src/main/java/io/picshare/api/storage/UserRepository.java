package io.picshare.api.storage;

import io.picshare.api.domain.account.UserAccount;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.key.UsernameRowKey;
import io.picshare.schema.record.UserRecord;
import io.picshare.schema.table.UsernamesTable;
import io.picshare.schema.table.UsersTable;
import io.vertx.core.Future;
import java.util.Optional;
import org.apache.hadoop.hbase.client.AsyncConnection;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Accounts in HBase: the {@code users} row (profile and counters) and the {@code usernames} row
 * that makes a username unique, case-insensitively, through an atomic put-if-absent.
 */
public final class UserRepository {
  private final HBaseClient hbase;

  public UserRepository(HBaseClient hbase) {
    this.hbase = hbase;
  }

  /** Stores a new account; fails with {@code USERNAME_TAKEN} if the username is in use. */
  public Future<Void> create(UserRecord user) {
    byte[] usernameRow = new UsernameRowKey(user.username()).encode();
    byte[] userId = Bytes.toBytes(user.userId());
    return hbase.connection().compose(connection -> {
      CheckAndMutate claim = CheckAndMutate.newBuilder(usernameRow)
          .ifNotExists(UsernamesTable.USER, UsernamesTable.USER_ID)
          .build(new Put(usernameRow).addColumn(UsernamesTable.USER, UsernamesTable.USER_ID, userId));
      return AsyncBridge.toFuture(connection.getTable(UsernamesTable.NAME).checkAndMutate(claim))
          .compose(claimed -> {
            if (!claimed.isSuccess()) {
              return Future.failedFuture(new PicShareException(ErrorCode.USERNAME_TAKEN,
                  "the username '" + user.username() + "' is taken"));
            }
            return AsyncBridge.toFuture(connection.getTable(UsersTable.NAME).put(user.toPut()))
                .recover(error -> release(connection, usernameRow, userId).transform(ignored -> Future.failedFuture(error)));
          });
    });
  }

  private static Future<Void> release(AsyncConnection connection, byte[] usernameRow, byte[] userId) {
    CheckAndMutate release = CheckAndMutate.newBuilder(usernameRow)
        .ifEquals(UsernamesTable.USER, UsernamesTable.USER_ID, userId)
        .build(new Delete(usernameRow));
    return AsyncBridge.toFuture(connection.getTable(UsernamesTable.NAME).checkAndMutate(release)).mapEmpty();
  }

  public Future<Optional<UserAccount>> findByUsername(String username) {
    if (!UsernameRowKey.isValid(username)) {
      return Future.succeededFuture(Optional.empty());
    }
    byte[] usernameRow = new UsernameRowKey(username).encode();
    return hbase.connection().compose(connection ->
        AsyncBridge.toFuture(connection.getTable(UsernamesTable.NAME).get(new Get(usernameRow)))
            .compose(result -> {
              byte[] id = result.getValue(UsernamesTable.USER, UsernamesTable.USER_ID);
              return id == null ? Future.succeededFuture(Optional.empty()) : findById(Bytes.toLong(id));
            }));
  }

  public Future<Optional<UserAccount>> findById(long userId) {
    return hbase.connection().compose(connection ->
        AsyncBridge.toFuture(connection.getTable(UsersTable.NAME).get(new Get(new UserRowKey(userId).encode())))
            .map(UserRepository::toAccount));
  }

  /** Adds {@code delta} to the user's photo count (atomic, but not atomic with the photo's own writes). */
  public Future<Void> addToPhotoCount(long userId, long delta) {
    return hbase.connection().compose(connection -> AsyncBridge.toFuture(connection.getTable(UsersTable.NAME)
        .increment(new Increment(new UserRowKey(userId).encode()).addColumn(UsersTable.COUNTERS, UsersTable.PHOTO_COUNT, delta)))
        .mapEmpty());
  }

  private static Optional<UserAccount> toAccount(Result result) {
    if (result.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new UserAccount(UserRecord.fromResult(result),
        counter(result, UsersTable.PHOTO_COUNT),
        counter(result, UsersTable.FOLLOWER_COUNT),
        counter(result, UsersTable.FOLLOWING_COUNT)));
  }

  private static long counter(Result result, byte[] qualifier) {
    byte[] value = result.getValue(UsersTable.COUNTERS, qualifier);
    return value == null ? 0 : Bytes.toLong(value);
  }
}
