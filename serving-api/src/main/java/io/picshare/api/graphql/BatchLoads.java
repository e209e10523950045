package io.picshare.api.graphql;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many batched store reads GraphQL made and how many keys they carried, per loader: the
 * evidence that a list of N photos reads their owners in one multi-get rather than N gets.
 */
public final class BatchLoads {
  private final LongAdder userLoads = new LongAdder();
  private final LongAdder userKeys = new LongAdder();
  private final LongAdder likeLoads = new LongAdder();
  private final LongAdder likeKeys = new LongAdder();

  void users(int keys) {
    userLoads.increment();
    userKeys.add(keys);
  }

  void likes(int keys) {
    likeLoads.increment();
    likeKeys.add(keys);
  }

  public double userLoads() {
    return userLoads.sum();
  }

  public double userKeys() {
    return userKeys.sum();
  }

  public double likeLoads() {
    return likeLoads.sum();
  }

  public double likeKeys() {
    return likeKeys.sum();
  }
}
