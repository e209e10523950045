package io.picshare.batch.feed;

import io.picshare.schema.record.FeedCandidates.Candidate;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.io.Writable;

/**
 * What the join hands the top-K stage for one user (the key): a candidate photo with its score, or
 * no candidate, which still makes the user's feed row be written (empty if nothing else comes).
 */
public final class FeedEntry implements Writable {
  private boolean present;
  private long photoId;
  private long ownerId;
  private double score;

  public FeedEntry candidate(Candidate candidate) {
    present = true;
    photoId = candidate.photoId();
    ownerId = candidate.ownerId();
    score = candidate.score();
    return this;
  }

  public FeedEntry none() {
    present = false;
    photoId = 0;
    ownerId = 0;
    score = 0;
    return this;
  }

  public FeedEntry set(Optional<Candidate> candidate) {
    return candidate.isPresent() ? candidate(candidate.get()) : none();
  }

  public Optional<Candidate> candidate() {
    return present ? Optional.of(new Candidate(photoId, ownerId, score)) : Optional.empty();
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeBoolean(present);
    if (present) {
      out.writeLong(photoId);
      out.writeLong(ownerId);
      out.writeDouble(score);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    if (in.readBoolean()) {
      candidate(new Candidate(in.readLong(), in.readLong(), in.readDouble()));
    } else {
      none();
    }
  }

  @Override
  public String toString() {
    return candidate().map(Candidate::toString).orElse("none");
  }
}
