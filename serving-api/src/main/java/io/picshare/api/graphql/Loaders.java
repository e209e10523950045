package io.picshare.api.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.picshare.api.domain.account.AccountService;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.photo.PhotoReadService;
import io.picshare.api.domain.photo.StoredPhoto;
import io.picshare.api.domain.social.LikeService;
import io.picshare.data.UserAccount;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dataloader.BatchLoader;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;

/**
 * The batch loaders of one request. Every key asked for at one level of the query is read in one
 * call: accounts by user id in one multi-get, photos by public id in one multi-get of their rows,
 * and which photos the caller likes in one read. Results are kept for the rest of the request only.
 */
final class Loaders {
  private static final String USERS = "users";
  private static final String LIKED = "likedByMe";
  private static final String PHOTOS = "photos";

  /** More keys than this at one level are read in several batches. */
  private static final int MAX_BATCH = 1_000;

  private Loaders() {}

  static DataLoaderRegistry create(
      AccountService accounts,
      PhotoReadService photos,
      LikeService likes,
      Optional<Principal> viewer,
      BatchLoads loads) {
    DataLoaderOptions options = DataLoaderOptions.newOptions().setMaxBatchSize(MAX_BATCH).build();
    BatchLoader<Long, UserAccount> users =
        ids -> {
          loads.users(ids.size());
          return accounts
              .profiles(ids)
              .map(found -> ids.stream().map(found::get).toList())
              .toCompletionStage();
        };
    BatchLoader<Long, Boolean> liked =
        ids -> {
          loads.likes(ids.size());
          return likes
              .likedBy(viewer, ids)
              .map(set -> ids.stream().map(set::contains).toList())
              .toCompletionStage();
        };
    BatchLoader<String, StoredPhoto> photosById =
        ids -> {
          loads.photos(ids.size());
          return photos
              .findAll(ids)
              .map(found -> ids.stream().map(found::get).toList())
              .toCompletionStage();
        };
    return DataLoaderRegistry.newRegistry()
        .register(PHOTOS, DataLoaderFactory.newDataLoader(PHOTOS, photosById, options))
        .register(USERS, DataLoaderFactory.newDataLoader(USERS, users, options))
        .register(LIKED, DataLoaderFactory.newDataLoader(LIKED, liked, options))
        .build();
  }

  /** The account of {@code userId}, or null if there is none. */
  static CompletableFuture<UserAccount> user(DataFetchingEnvironment env, long userId) {
    DataLoader<Long, UserAccount> loader = env.getDataLoader(USERS);
    return loader.load(userId);
  }

  /** The photo with this public id, or null if there is none. */
  static CompletableFuture<StoredPhoto> photo(DataFetchingEnvironment env, String publicId) {
    DataLoader<String, StoredPhoto> loader = env.getDataLoader(PHOTOS);
    return loader.load(publicId);
  }

  static CompletableFuture<Boolean> likedByViewer(DataFetchingEnvironment env, long photoId) {
    DataLoader<Long, Boolean> loader = env.getDataLoader(LIKED);
    return loader.load(photoId);
  }

  /**
   * Drops what this request read of the caller's like of the photo: after a like or unlike, a later
   * mutation of the same request must not see the earlier answer.
   */
  static void forgetLike(DataFetchingEnvironment env, long photoId) {
    env.getDataLoader(LIKED).clear(photoId);
  }

  /** Drops the accounts this request read: after a follow or unfollow their counts changed. */
  static void forgetUsers(DataFetchingEnvironment env) {
    env.getDataLoader(USERS).clearAll();
  }
}
