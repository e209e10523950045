package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.media.DisplaySize;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.RenditionSet;
import java.util.Optional;

/**
 * The bytes chosen for one content request, and what may be cached of them. The original, which
 * keeps the uploader's EXIF (GPS included), goes to its owner only; everyone else gets display
 * renditions, which carry no metadata.
 *
 * @param location where the bytes are
 * @param served {@code original} or the display size served (the closest one built)
 * @param viewerSpecific whether another viewer would get different bytes for the same request (the
 *     owner's original): such content must not be kept by shared caches
 */
public record PhotoContent(
    BlobLocation location, String contentType, String etag, String served, boolean viewerSpecific) {
  public PhotoContent {
    requireNonNull(location, "location is null");
    requireNonNull(contentType, "contentType is null");
    requireNonNull(etag, "etag is null");
    requireNonNull(served, "served is null");
  }

  /**
   * Chooses what {@code viewer} gets for {@code size}: the owner gets the original when asking for
   * it or for no size, and while no rendition is built; others get the closest rendition built
   * ({@code large} for no size), {@code FORBIDDEN} for the original, {@code RENDITION_PENDING}
   * before any rendition exists and {@code RENDITION_FAILED} if none can be built.
   */
  public static PhotoContent choose(
      Optional<Principal> viewer, StoredPhoto photo, ContentSize size) {
    boolean owner = viewer.map(v -> v.userId() == photo.record().ownerId()).orElse(false);
    if (size instanceof ContentSize.Original) {
      if (!owner) {
        throw new PicShareException(
            ErrorCode.FORBIDDEN,
            "only the owner may download the original (it keeps its EXIF metadata); ask for"
                + " size=large");
      }
      return original(photo);
    }
    if (size instanceof ContentSize.Default && owner) {
      return original(photo);
    }
    DisplaySize display =
        size instanceof ContentSize.Display wanted ? wanted.size() : DisplaySize.LARGE;
    if (photo.renditions().isPresent()) {
      RenditionSet set = photo.renditions().get();
      RenditionSet.Entry entry = set.closestTo(display);
      return new PhotoContent(
          new BlobLocation(set.path(), entry.offset(), entry.length()),
          "image/jpeg",
          "\"" + entry.sha256() + "\"",
          entry.size().apiName(),
          false);
    }
    if (owner) {
      return original(photo);
    }
    if (photo.renditionFailure().isPresent()) {
      throw new PicShareException(
          ErrorCode.RENDITION_FAILED,
          "this photo has no display sizes: its image could not be processed");
    }
    throw new PicShareException(
        ErrorCode.RENDITION_PENDING, "the photo's display sizes are being built; retry shortly");
  }

  private static PhotoContent original(StoredPhoto photo) {
    return new PhotoContent(
        photo.record().location(), photo.record().contentType(), photo.etag(), "original", true);
  }
}
