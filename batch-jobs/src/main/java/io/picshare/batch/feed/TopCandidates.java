package io.picshare.batch.feed;

import io.picshare.schema.record.FeedCandidates.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The best {@code k} candidates of those offered, in the read path's order: higher score first,
 * then the newer photo (higher id). Holds at most {@code k} at a time, however many are offered.
 */
public final class TopCandidates {
  /** Best first: the order of a feed's candidates. */
  public static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingDouble(Candidate::score)
          .reversed()
          .thenComparing(Comparator.comparingLong(Candidate::photoId).reversed());

  private final int k;
  private final PriorityQueue<Candidate> worstFirst = new PriorityQueue<>(BEST_FIRST.reversed());

  public TopCandidates(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive: " + k);
    }
    this.k = k;
  }

  public void offer(Candidate candidate) {
    if (worstFirst.size() < k) {
      worstFirst.add(candidate);
    } else if (BEST_FIRST.compare(candidate, worstFirst.peek()) < 0) {
      worstFirst.poll();
      worstFirst.add(candidate);
    }
  }

  /** The candidates kept, best first. */
  public List<Candidate> best() {
    List<Candidate> best = new ArrayList<>(worstFirst);
    best.sort(BEST_FIRST);
    return best;
  }

  public boolean isEmpty() {
    return worstFirst.isEmpty();
  }
}
