package io.picshare.batch.storage;

import io.picshare.data.PhotoStore;
import io.picshare.schema.blob.VolumeFormat;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.RenditionSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A photo's original (or, with {@code renditions}, its renditions file) copied into a volume as
 * {@code entry}, to be switched over in its row by compare-and-set once the volume is sealed.
 * {@code oldBase} is where the copied bytes started in their old file (0 for a small file), so the
 * renditions' byte ranges keep their place relative to the record.
 */
record RecordMove(
    PhotoRecord photo, Optional<RenditionSet> renditions, long oldBase, VolumeFormat.Entry entry) {
  VolumeFormat.Kind kind() {
    return renditions.isEmpty() ? VolumeFormat.Kind.ORIGINAL : VolumeFormat.Kind.RENDITIONS;
  }

  /** Switches the row to {@code volumePath}; false if it no longer names the old location. */
  CompletableFuture<Boolean> apply(PhotoStore photos, String volumePath) {
    if (renditions.isEmpty()) {
      return photos.moveOriginal(
          photo, new BlobLocation(volumePath, entry.dataOffset(), entry.length()));
    }
    RenditionSet from = renditions.get();
    List<RenditionSet.Entry> moved =
        from.entries().stream()
            .map(
                e ->
                    new RenditionSet.Entry(
                        e.size(),
                        e.width(),
                        e.height(),
                        entry.dataOffset() + e.offset() - oldBase,
                        e.length(),
                        e.sha256()))
            .toList();
    return photos.moveRenditions(photo, from, new RenditionSet(volumePath, moved));
  }
}
