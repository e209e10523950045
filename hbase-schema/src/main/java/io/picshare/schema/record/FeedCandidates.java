package io.picshare.schema.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's precomputed feed candidates, best first, as the nightly job scored them: the value of
 * {@code picshare:feeds} {@code f:k}. Encoded as a version byte (1), a 4-byte count, then per
 * candidate its photo id, owner id (8-byte longs) and score (8-byte IEEE 754 double), big-endian.
 */
public record FeedCandidates(List<Candidate> candidates) {
  private static final byte VERSION = 1;
  private static final int ENTRY_BYTES = 3 * Long.BYTES;

  /** One photo of a followee and its score when the feed was built. */
  public record Candidate(long photoId, long ownerId, double score) {}

  public FeedCandidates {
    candidates = List.copyOf(candidates);
  }

  public byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(1 + Integer.BYTES + candidates.size() * ENTRY_BYTES);
    out.put(VERSION).putInt(candidates.size());
    for (Candidate candidate : candidates) {
      out.putLong(candidate.photoId()).putLong(candidate.ownerId()).putDouble(candidate.score());
    }
    return out.array();
  }

  /**
   * @throws IllegalArgumentException if {@code bytes} is not a valid encoding
   */
  public static FeedCandidates decode(byte[] bytes) {
    if (bytes == null || bytes.length < 1 + Integer.BYTES || bytes[0] != VERSION) {
      throw new IllegalArgumentException("not a version-1 feed candidate list");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    int count = in.getInt();
    if (count < 0 || (long) count * ENTRY_BYTES != in.remaining()) {
      throw new IllegalArgumentException(
          "feed candidate list says " + count + " entries but holds " + in.remaining() + " bytes");
    }
    List<Candidate> candidates = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      candidates.add(new Candidate(in.getLong(), in.getLong(), in.getDouble()));
    }
    return new FeedCandidates(candidates);
  }
}
