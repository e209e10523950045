package io.picshare.schema.record;

import static io.picshare.schema.table.UsersTable.CREATED_AT;
import static io.picshare.schema.table.UsersTable.PASSWORD_HASH;
import static io.picshare.schema.table.UsersTable.PROFILE;
import static io.picshare.schema.table.UsersTable.USERNAME;
import static java.util.Objects.requireNonNull;

import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.key.UsernameRowKey;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * A user's profile row in {@code picshare:users} (family {@code p}); the username is held in its
 * lower-case form. Counters (family {@code c}) are not part of it: they change through {@code
 * Increment} only.
 */
public record UserRecord(long userId, String username, String passwordHash, long createdAtMillis) {
  public UserRecord {
    if (userId < 0) {
      throw new IllegalArgumentException("userId is negative: " + userId);
    }
    username = new UsernameRowKey(requireNonNull(username, "username is null")).username();
    requireNonNull(passwordHash, "passwordHash is null");
    if (passwordHash.isEmpty()) {
      throw new IllegalArgumentException("passwordHash is empty");
    }
  }

  public UserRowKey rowKey() {
    return new UserRowKey(userId);
  }

  /** A put writing every profile cell of this user. */
  public Put toPut() {
    return new Put(rowKey().encode())
        .addColumn(PROFILE, USERNAME, Bytes.toBytes(username))
        .addColumn(PROFILE, PASSWORD_HASH, Bytes.toBytes(passwordHash))
        .addColumn(PROFILE, CREATED_AT, Bytes.toBytes(createdAtMillis));
  }

  /**
   * Decodes a row read with at least family {@code p}.
   *
   * @throws IllegalArgumentException if the row is empty, not a user row, or lacks a profile cell
   */
  public static UserRecord fromResult(Result result) {
    requireNonNull(result, "result is null");
    if (result.isEmpty()) {
      throw new IllegalArgumentException("result is empty");
    }
    CellValues cells = new CellValues(result, PROFILE);
    return new UserRecord(
        UserRowKey.decode(result.getRow()).userId(),
        cells.string(USERNAME),
        cells.string(PASSWORD_HASH),
        cells.longValue(CREATED_AT));
  }
}
