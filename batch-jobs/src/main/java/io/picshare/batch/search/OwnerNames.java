package io.picshare.batch.search;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.table.UsersTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Usernames of photo owners, read from {@code picshare:users} ({@code p:u}) one multi-get per batch
 * for the owners not seen lately, and kept for the {@code capacity} owners used most recently
 * (photo rows are keyed by owner, so one task meets each owner's photos together). An owner without
 * a user row gets the empty name, as the workers' indexer gives it.
 */
final class OwnerNames {
  private final Table users;
  private final Map<Long, String> recent;

  OwnerNames(Table users, int capacity) {
    this.users = requireNonNull(users, "users is null");
    this.recent = new LeastRecentlyUsed<>(capacity);
  }

  /** The usernames of {@code ownerIds}. */
  Map<Long, String> of(Collection<Long> ownerIds) throws IOException {
    Map<Long, String> names = new HashMap<>();
    Set<Long> unknown = new LinkedHashSet<>();
    for (long ownerId : ownerIds) {
      String name = recent.get(ownerId);
      if (name != null) {
        names.put(ownerId, name);
      } else {
        unknown.add(ownerId);
      }
    }
    if (!unknown.isEmpty()) {
      List<Long> missing = List.copyOf(unknown);
      List<Get> gets = new ArrayList<>(missing.size());
      for (long ownerId : missing) {
        gets.add(
            new Get(new UserRowKey(ownerId).encode())
                .addColumn(UsersTable.PROFILE, UsersTable.USERNAME));
      }
      Result[] rows = users.get(gets);
      for (int i = 0; i < rows.length; i++) {
        byte[] username = rows[i].getValue(UsersTable.PROFILE, UsersTable.USERNAME);
        String name = username == null ? "" : Bytes.toString(username);
        recent.put(missing.get(i), name);
        names.put(missing.get(i), name);
      }
    }
    return names;
  }

  /** A map that forgets its least recently read entry beyond {@code capacity}. */
  static final class LeastRecentlyUsed<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    LeastRecentlyUsed(int capacity) {
      super(16, 0.75f, true);
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be positive: " + capacity);
      }
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > capacity;
    }
  }
}
