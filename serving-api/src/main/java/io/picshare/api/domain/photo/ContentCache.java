package io.picshare.api.domain.photo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.picshare.schema.record.BlobLocation;
import java.util.Optional;

/**
 * Recently read photo bytes, by where they are stored. Stored bytes never change, so an entry can
 * never be stale; whether the photo still exists is checked against its metadata on every request,
 * never here. Photos larger than {@link #MAX_ENTRY_BYTES} are not kept.
 */
final class ContentCache {
  static final int MAX_ENTRY_BYTES = 4 * 1024 * 1024;

  private final Cache<BlobLocation, byte[]> cache;

  ContentCache(long maxBytes) {
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((BlobLocation location, byte[] bytes) -> bytes.length)
            .build();
  }

  static boolean fits(BlobLocation location) {
    return location.length() <= MAX_ENTRY_BYTES;
  }

  Optional<byte[]> get(BlobLocation location) {
    return Optional.ofNullable(cache.getIfPresent(location));
  }

  void put(BlobLocation location, byte[] bytes) {
    cache.put(location, bytes);
  }
}
