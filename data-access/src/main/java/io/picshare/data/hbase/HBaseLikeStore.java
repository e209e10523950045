package io.picshare.data.hbase;

import io.picshare.data.LikeStore;
import io.picshare.schema.key.PairRowKey;
import io.picshare.schema.table.LikesTable;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@link LikeStore} on {@code picshare:likes}, one {@link RelationCell} per (photo, user). */
public final class HBaseLikeStore implements LikeStore {
  private final RelationCell likes;

  public HBaseLikeStore(HBaseConnection hbase) {
    this.likes = new RelationCell(hbase, LikesTable.NAME, LikesTable.LIKE, LikesTable.LIKE_ID);
  }

  @Override
  public CompletableFuture<Boolean> like(long photoId, long userId, long likeId) {
    return likes.start(new PairRowKey(photoId, userId).encode(), likeId);
  }

  @Override
  public CompletableFuture<List<Boolean>> likeAll(List<Like> toLike) {
    return likes.startAll(
        toLike.stream()
            .map(like -> new PairRowKey(like.photoId(), like.userId()).encode())
            .toList(),
        toLike.stream().map(Like::likeId).toList());
  }

  @Override
  public CompletableFuture<Boolean> unlike(long photoId, long userId) {
    return likes.end(new PairRowKey(photoId, userId).encode()).thenApply(OptionalLong::isPresent);
  }

  @Override
  public CompletableFuture<Set<Long>> likedBy(long userId, Collection<Long> photoIds) {
    List<Long> ids = List.copyOf(photoIds);
    if (ids.isEmpty()) {
      return CompletableFuture.completedFuture(Set.of());
    }
    return likes
        .readAll(ids.stream().map(photoId -> new PairRowKey(photoId, userId).encode()).toList())
        .thenApply(
            found -> {
              Set<Long> liked = new HashSet<>();
              for (int i = 0; i < ids.size(); i++) {
                if (found.get(i).isPresent()) {
                  liked.add(ids.get(i));
                }
              }
              return liked;
            });
  }
}
