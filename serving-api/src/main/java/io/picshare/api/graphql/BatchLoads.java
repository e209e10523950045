package io.picshare.api.graphql;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many batched store reads GraphQL made and how many keys they carried, per loader: the
 * evidence that a list of N photos reads their owners in one multi-get rather than N gets, and N
 * {@code photo(id)} fields their rows in one.
 */
public final class BatchLoads {
  private final LongAdder userLoads = new LongAdder();
  private final LongAdder userKeys = new LongAdder();
  private final LongAdder likeLoads = new LongAdder();
  private final LongAdder likeKeys = new LongAdder();
  private final LongAdder photoLoads = new LongAdder();
  private final LongAdder photoKeys = new LongAdder();

  void users(int keys) {
    userLoads.increment();
    userKeys.add(keys);
  }

  void likes(int keys) {
    likeLoads.increment();
    likeKeys.add(keys);
  }

  void photos(int keys) {
    photoLoads.increment();
    photoKeys.add(keys);
  }

  public double photoLoads() {
    return photoLoads.sum();
  }

  public double photoKeys() {
    return photoKeys.sum();
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
