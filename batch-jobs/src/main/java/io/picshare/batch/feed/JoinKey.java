package io.picshare.batch.feed;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * The join's map output key: a user id and the kind of record ({@link JoinValue.Kind}) as a
 * secondary sort, so that a reducer sees one user's photos first, then the marker that the user
 * follows (or followed) someone, then that user's followers. Partitioned and grouped by user only
 * ({@link ByUser}, {@link UserGrouping}).
 */
public final class JoinKey implements WritableComparable<JoinKey> {
  private long userId;
  private byte kind;

  public JoinKey() {}

  public JoinKey(long userId, JoinValue.Kind kind) {
    set(userId, kind);
  }

  public JoinKey set(long userId, JoinValue.Kind kind) {
    this.userId = userId;
    this.kind = (byte) kind.ordinal();
    return this;
  }

  public long userId() {
    return userId;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(userId);
    out.writeByte(kind);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    userId = in.readLong();
    kind = in.readByte();
  }

  @Override
  public int compareTo(JoinKey other) {
    int byUser = Long.compare(userId, other.userId);
    return byUser != 0 ? byUser : Byte.compare(kind, other.kind);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JoinKey key && userId == key.userId && kind == key.kind;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(userId) * 31 + kind;
  }

  @Override
  public String toString() {
    return userId + "/" + JoinValue.Kind.values()[kind];
  }

  /** Sends every record of one user to the same reducer. */
  public static final class ByUser extends Partitioner<JoinKey, JoinValue> {
    @Override
    public int getPartition(JoinKey key, JoinValue value, int partitions) {
      return Math.floorMod(Long.hashCode(key.userId), partitions);
    }
  }

  /** One reduce call per user, whatever the kinds. */
  public static final class UserGrouping extends WritableComparator {
    public UserGrouping() {
      super(JoinKey.class, true);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return Long.compare(((JoinKey) a).userId, ((JoinKey) b).userId);
    }
  }
}
