package io.picshare.api.workers;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.picshare.api.events.PhotoEvent;
import io.picshare.api.events.SocialEvent;
import io.picshare.api.storage.SolrPhotoIndex;
import io.picshare.data.PhotoRow;
import io.picshare.data.PhotoStore;
import io.picshare.data.UserStore;
import io.picshare.data.search.PhotoDocument;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.PhotoRecord;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Solr index in step with HBase. Every event about a photo (uploaded, deleted, liked,
 * unliked) only names the photo; the indexer then writes what HBase holds for it now: the photo's
 * document with its current title and like count if it is live, its removal if not. So a replayed,
 * late or reordered event writes the same document as the latest one, and a batch of events costs
 * one multi-get and at most two Solr requests, however many likes it holds. If Solr is down the
 * batch fails and is retried until it answers (nothing is committed before).
 */
public final class SearchIndexer implements EventConsumer.BatchHandler {
  /** The topics it consumes. */
  public static final List<String> TOPICS =
      List.of(
          PhotoEvent.Type.UPLOADED.topic(),
          PhotoEvent.Type.DELETED.topic(),
          SocialEvent.PHOTO_LIKED,
          SocialEvent.PHOTO_UNLIKED);

  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
  private static final long STORE_TIMEOUT_SECONDS = 30;

  private final PhotoStore photos;
  private final UserStore users;
  private final SolrPhotoIndex index;
  private final Cache<Long, String> usernames = Caffeine.newBuilder().maximumSize(100_000).build();
  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong removed = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();

  public SearchIndexer(PhotoStore photos, UserStore users, SolrPhotoIndex index) {
    this.photos = requireNonNull(photos, "photos is null");
    this.users = requireNonNull(users, "users is null");
    this.index = requireNonNull(index, "index is null");
  }

  @Override
  public void handle(List<EventConsumer.Event> batch) throws Exception {
    Map<Long, Long> owners = new LinkedHashMap<>();
    for (EventConsumer.Event event : batch) {
      Optional<long[]> photo = photoOf(event);
      if (photo.isPresent()) {
        owners.put(photo.get()[0], photo.get()[1]);
      } else {
        skipped.incrementAndGet();
        LOG.warn("{} event {} names no photo; skipped", event.topic(), event.key());
      }
    }
    if (owners.isEmpty()) {
      return;
    }
    List<Long> ids = List.copyOf(owners.keySet());
    List<Optional<PhotoRow>> rows =
        photos
            .findAll(ids.stream().map(id -> new UserPhotoRowKey(owners.get(id), id)).toList())
            .get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    List<PhotoDocument> live = new ArrayList<>();
    List<Long> gone = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Optional<PhotoRow> row = rows.get(i);
      if (row.isEmpty()) {
        gone.add(ids.get(i));
        continue;
      }
      PhotoRecord record = row.get().record();
      live.add(
          new PhotoDocument(
              record.photoId(),
              record.ownerId(),
              username(record.ownerId()),
              record.title(),
              record.createdAtMillis(),
              row.get().likeCount()));
    }
    index.sync(live, gone);
    indexed.addAndGet(live.size());
    removed.addAndGet(gone.size());
  }

  /** {photo id, owner id} of the photo the event is about, if it names one. */
  private static Optional<long[]> photoOf(EventConsumer.Event event) {
    try {
      JsonObject payload = new JsonObject(new String(event.payload(), StandardCharsets.UTF_8));
      JsonObject photo = payload.getJsonObject("photo");
      OptionalLong photoId =
          PublicIds.decode(photo != null ? photo.getString("id") : payload.getString("photo_id"));
      OptionalLong ownerId =
          PublicIds.decode(
              photo != null ? photo.getString("owner_id") : payload.getString("owner_id"));
      return photoId.isPresent() && ownerId.isPresent()
          ? Optional.of(new long[] {photoId.getAsLong(), ownerId.getAsLong()})
          : Optional.empty();
    } catch (DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private String username(long userId) throws Exception {
    String cached = usernames.getIfPresent(userId);
    if (cached != null) {
      return cached;
    }
    String username =
        users
            .findById(userId)
            .get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .map(account -> account.user().username())
            .orElse("");
    usernames.put(userId, username);
    return username;
  }

  /** Photo documents written since start. */
  public long indexed() {
    return indexed.get();
  }

  /** Photo documents removed (deleted photos) since start. */
  public long removed() {
    return removed.get();
  }

  /** Events that named no photo, skipped since start. */
  public long skipped() {
    return skipped.get();
  }
}
