package io.picshare.data;

import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.RenditionSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Photo metadata: the photo row under its owner (the commit point: a photo exists while its row
 * does and is not marked deleted) and the photo-id lookup. Writes that must not overwrite are
 * conditional; a {@code false} result means another writer holds the row.
 */
public interface PhotoStore {
  /** Writes the id lookup if no photo has this id; {@code false} if one has (an id collision). */
  CompletableFuture<Boolean> insertLookupIfAbsent(PhotoRecord photo);

  /**
   * Writes the photo row (the commit point) if absent; {@code false} if another photo's row has
   * this key. A row equal to {@code photo} counts as written (this write landed, its reply was
   * lost).
   */
  CompletableFuture<Boolean> insertRowIfAbsent(PhotoRecord photo);

  /**
   * Removes the lookup of an upload that failed before its commit, if it still names {@code
   * ownerId}.
   */
  CompletableFuture<Void> deleteLookup(long photoId, long ownerId);

  CompletableFuture<OptionalLong> ownerOf(long photoId);

  /** The photo if it exists (committed and not deleted). */
  CompletableFuture<Optional<PhotoRow>> find(long photoId);

  CompletableFuture<Optional<PhotoRow>> find(long ownerId, long photoId);

  /** The photos of {@code keys} (owner, photo id), in order, in one multi-get. */
  CompletableFuture<List<Optional<PhotoRow>>> findAll(List<UserPhotoRowKey> keys);

  /**
   * Up to {@code limit} of the owner's photos, newest first, older than {@code after} when given.
   */
  CompletableFuture<List<PhotoRow>> listByOwner(long ownerId, OptionalLong after, int limit);

  /**
   * Adds {@code delta} to the photo's like count (an {@code Increment}, after the like's own
   * compare-and-set; recomputed from the likes by the repair).
   */
  CompletableFuture<Void> addToLikeCount(PhotoRecord photo, long delta);

  /**
   * Marks the photo deleted by the event {@code deletionEventId}, if it exists and is not marked
   * yet: of concurrent deletes exactly one gets {@code true}. A marked photo reads as absent.
   */
  CompletableFuture<Boolean> markDeleted(PhotoRecord photo, long deletionEventId);

  /** After {@link #markDeleted}: records the deletion in the lookup, then removes the photo row. */
  CompletableFuture<Void> purgeDeleted(PhotoRecord photo, long deletionEventId);

  /**
   * Records the photo's renditions if it is still live (unmarked, same content) and has neither
   * renditions nor a failure recorded; {@code false} otherwise (deleted meanwhile, or another
   * attempt recorded first). A write whose reply was lost and that finds its own set counts as
   * written.
   */
  CompletableFuture<Boolean> recordRenditions(PhotoRecord photo, RenditionSet renditions);

  /**
   * Records why the photo's renditions cannot be built, under the same conditions as {@link
   * #recordRenditions}.
   */
  CompletableFuture<Boolean> recordRenditionFailure(PhotoRecord photo, String reason);

  /**
   * Points the live photo's original at {@code to} (its bytes moved, e.g. into a volume) if its row
   * still names {@code photo.location()}: compare-and-set, so a photo deleted or moved meanwhile is
   * left alone ({@code false}). A write whose reply was lost and that finds its own location counts
   * as moved.
   */
  CompletableFuture<Boolean> moveOriginal(PhotoRecord photo, BlobLocation to);

  /** As {@link #moveOriginal}, for the renditions: {@code from} must still be recorded. */
  CompletableFuture<Boolean> moveRenditions(PhotoRecord photo, RenditionSet from, RenditionSet to);

  /** Whether the photo is live, deleted (and by which event), or was never committed. */
  CompletableFuture<PhotoState> state(long photoId);
}
