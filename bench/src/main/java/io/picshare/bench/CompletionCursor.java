package io.picshare.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a phase resumes: batches finish out of order (several are in flight), so the phase's
 * progress is the end of the prefix of items that all finished, never an item past a gap. A rerun
 * redoes whatever lay between that point and the batches in flight, which the writes tolerate.
 */
final class CompletionCursor {
  private final TreeMap<Long, Long> finishedAhead = new TreeMap<>();
  private long done;

  CompletionCursor(long done) {
    if (done < 0) {
      throw new IllegalArgumentException("done must not be negative");
    }
    this.done = done;
  }

  /** Records that items {@code [from, to)} finished. */
  synchronized void finished(long from, long to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
    }
    if (to <= done) {
      return;
    }
    finishedAhead.merge(Math.max(from, done), to, Math::max);
    Map.Entry<Long, Long> next;
    while ((next = finishedAhead.firstEntry()) != null && next.getKey() <= done) {
      finishedAhead.pollFirstEntry();
      done = Math.max(done, next.getValue());
    }
  }

  /** Every item below this one finished. */
  synchronized long done() {
    return done;
  }
}
