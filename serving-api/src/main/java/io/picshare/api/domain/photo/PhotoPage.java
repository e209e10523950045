package io.picshare.api.domain.photo;

import java.util.List;
import java.util.Optional;

/** One page of a user's photos, newest first, and the cursor of the next page if there is one. */
public record PhotoPage(List<StoredPhoto> photos, Optional<String> nextCursor) {
  public PhotoPage {
    photos = List.copyOf(photos);
  }
}
