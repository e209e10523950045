package io.picshare.api.domain.search;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.Async;
import io.picshare.api.domain.Paging;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.photo.PhotoPage;
import io.picshare.api.domain.photo.StoredPhoto;
import io.picshare.api.domain.photo.UsernameCache;
import io.picshare.data.PhotoRow;
import io.picshare.data.PhotoStore;
import io.picshare.data.UserAccount;
import io.picshare.data.UserStore;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.UserRecord;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Search: photos by the words of their title (through the {@link PhotoIndex}, every hit checked
 * against HBase so a deleted photo is never shown, even before the index has caught up), and users
 * by the start of their username (a prefix scan of {@code picshare:usernames}).
 */
public final class SearchService {
  /** The longest query accepted, in characters. */
  public static final int MAX_QUERY_LENGTH = 200;

  private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder CURSOR_DECODER = Base64.getUrlDecoder();

  private final PhotoIndex index;
  private final PhotoStore photos;
  private final UserStore users;
  private final UsernameCache usernames;

  public SearchService(PhotoIndex index, PhotoStore photos, UserStore users) {
    this.index = requireNonNull(index, "index is null");
    this.photos = requireNonNull(photos, "photos is null");
    this.users = requireNonNull(users, "users is null");
    this.usernames = new UsernameCache(users);
  }

  /** One page of photos whose title has every word of {@code query}. */
  public Future<PhotoPage> photos(String query, int limit, Optional<String> cursor) {
    String words;
    Optional<String> after;
    try {
      words = requireQuery(query);
      Paging.requireLimit(limit);
      after = cursor.map(SearchService::decodeCursor);
    } catch (PicShareException e) {
      return Future.failedFuture(e);
    }
    return index
        .search(words, limit, after)
        .compose(
            hits -> {
              List<UserPhotoRowKey> keys =
                  hits.hits().stream()
                      .map(hit -> new UserPhotoRowKey(hit.ownerId(), hit.photoId()))
                      .toList();
              return Async.of(photos.findAll(keys))
                  .compose(rows -> withOwners(rows))
                  .map(found -> new PhotoPage(found, hits.next().map(SearchService::encodeCursor)));
            });
  }

  /** Up to {@code limit} users whose username starts with {@code query}, in username order. */
  public Future<List<UserRecord>> users(String query, int limit) {
    String prefix;
    try {
      prefix = requireQuery(query);
      Paging.requireLimit(limit);
    } catch (PicShareException e) {
      return Future.failedFuture(e);
    }
    return Async.of(users.findByUsernamePrefix(prefix, limit))
        .map(accounts -> accounts.stream().map(UserAccount::user).toList());
  }

  private Future<List<StoredPhoto>> withOwners(List<Optional<PhotoRow>> rows) {
    List<Future<StoredPhoto>> found = new ArrayList<>();
    for (Optional<PhotoRow> row : rows) {
      row.ifPresent(
          photo ->
              found.add(
                  usernames.of(photo.record().ownerId()).map(name -> StoredPhoto.of(photo, name))));
    }
    return Future.all(found).map(all -> found.stream().map(Future::result).toList());
  }

  private static String requireQuery(String query) {
    if (query == null || query.isBlank()) {
      throw PicShareException.invalid("q is required: the words to search for");
    }
    String trimmed = query.strip();
    if (trimmed.length() > MAX_QUERY_LENGTH) {
      throw PicShareException.invalid("q is longer than " + MAX_QUERY_LENGTH + " characters");
    }
    return trimmed;
  }

  private static String encodeCursor(String position) {
    return CURSOR_ENCODER.encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      String position = new String(CURSOR_DECODER.decode(cursor), StandardCharsets.UTF_8);
      if (!position.isEmpty()) {
        return position;
      }
    } catch (IllegalArgumentException e) {
      // not base64url: fall through
    }
    throw PicShareException.invalid("cursor is not one this API issued");
  }
}
