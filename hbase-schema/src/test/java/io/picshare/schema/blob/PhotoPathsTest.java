package io.picshare.schema.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.id.PublicIds;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PhotoPathsTest {
  @Test
  void filesLandInTheirUploadHour() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:45:12Z"), ZoneOffset.UTC);
    long photoId = new IdGenerator(3, clock).next();

    assertThat(PhotoPaths.incoming(photoId, "jpg"))
        .isEqualTo("/picshare/photos/incoming/2026/11/23/08/" + PublicIds.encode(photoId) + ".jpg");
  }

  @Test
  void renditionFilesLandInTheUploadHourAndAreOnePerAttempt() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:45:12Z"), ZoneOffset.UTC);
    long photoId = new IdGenerator(3, clock).next();

    assertThat(PhotoPaths.renditions(photoId, 0x1234L))
        .isEqualTo(
            "/picshare/photos/renditions/2026/11/23/08/"
                + PublicIds.encode(photoId)
                + "-0000000000001234.renditions");
    assertThat(PhotoPaths.renditions(photoId, -1L)).endsWith("-ffffffffffffffff.renditions");
  }
}
