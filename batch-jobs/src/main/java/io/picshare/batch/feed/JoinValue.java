package io.picshare.batch.feed;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;

/**
 * The join's map output value, keyed by a user ({@link JoinKey}): one of that user's photos, the
 * marker that the user has follow rows (so gets a feed row), or one of that user's followers.
 */
public final class JoinValue implements Writable {
  /** The kinds, in the order a reducer sees them. */
  public enum Kind {
    PHOTO,
    FOLLOWS_SOMEONE,
    FOLLOWER
  }

  private Kind kind = Kind.FOLLOWS_SOMEONE;
  private long id;
  private long createdAtMillis;
  private long likes;

  public Kind kind() {
    return kind;
  }

  /** The photo's id (PHOTO) or the follower's id (FOLLOWER). */
  public long id() {
    return id;
  }

  public long createdAtMillis() {
    return createdAtMillis;
  }

  public long likes() {
    return likes;
  }

  public JoinValue photo(long photoId, long createdAtMillis, long likes) {
    return set(Kind.PHOTO, photoId, createdAtMillis, likes);
  }

  public JoinValue followsSomeone() {
    return set(Kind.FOLLOWS_SOMEONE, 0, 0, 0);
  }

  public JoinValue follower(long followerId) {
    return set(Kind.FOLLOWER, followerId, 0, 0);
  }

  private JoinValue set(Kind kind, long id, long createdAtMillis, long likes) {
    this.kind = kind;
    this.id = id;
    this.createdAtMillis = createdAtMillis;
    this.likes = likes;
    return this;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeByte(kind.ordinal());
    switch (kind) {
      case PHOTO -> {
        out.writeLong(id);
        out.writeLong(createdAtMillis);
        out.writeLong(likes);
      }
      case FOLLOWER -> out.writeLong(id);
      case FOLLOWS_SOMEONE -> {}
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    Kind read = Kind.values()[in.readByte()];
    switch (read) {
      case PHOTO -> photo(in.readLong(), in.readLong(), in.readLong());
      case FOLLOWER -> follower(in.readLong());
      case FOLLOWS_SOMEONE -> followsSomeone();
    }
  }

  @Override
  public String toString() {
    return kind + "(" + id + ")";
  }
}
