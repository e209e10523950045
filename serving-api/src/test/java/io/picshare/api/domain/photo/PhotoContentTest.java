package io.picshare.api.domain.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.media.DisplaySize;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.RenditionSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who gets which bytes: the original (with its EXIF) only ever to its owner. */
class PhotoContentTest {
  private static final long OWNER = 7;
  private static final Optional<Principal> OWNER_VIEWER = Optional.of(principal(OWNER));
  private static final Optional<Principal> STRANGER = Optional.of(principal(8));
  private static final Optional<Principal> ANONYMOUS = Optional.empty();
  private static final PhotoRecord RECORD =
      new PhotoRecord(
          100,
          OWNER,
          "t",
          "image/png",
          5000,
          500,
          400,
          6,
          38.7,
          -9.1,
          "ab".repeat(32),
          BlobLocation.wholeFile("/o/1.png", 5000),
          0);
  private static final RenditionSet SET =
      new RenditionSet(
          "/r/1",
          List.of(
              new RenditionSet.Entry(DisplaySize.THUMB, 150, 150, 0, 100, "01".repeat(32)),
              new RenditionSet.Entry(DisplaySize.SMALL, 320, 256, 100, 200, "02".repeat(32)),
              new RenditionSet.Entry(DisplaySize.MEDIUM, 500, 400, 300, 400, "03".repeat(32))));
  private static final StoredPhoto PENDING = new StoredPhoto(RECORD, "ann", 0);
  private static final StoredPhoto READY =
      new StoredPhoto(RECORD, "ann", 0, Optional.of(SET), Optional.empty());
  private static final StoredPhoto FAILED =
      new StoredPhoto(RECORD, "ann", 0, Optional.empty(), Optional.of("malformed-image"));

  @Test
  void theOriginalIsTheOwnersOnly() {
    PhotoContent original = PhotoContent.choose(OWNER_VIEWER, READY, new ContentSize.Original());
    assertThat(original.location()).isEqualTo(RECORD.location());
    assertThat(original.contentType()).isEqualTo("image/png");
    assertThat(original.served()).isEqualTo("original");
    assertThat(original.viewerSpecific()).isTrue();
    for (Optional<Principal> other : List.of(STRANGER, ANONYMOUS)) {
      assertThatThrownBy(() -> PhotoContent.choose(other, READY, new ContentSize.Original()))
          .isInstanceOfSatisfying(
              PicShareException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }
  }

  @Test
  void withoutASizeTheOwnerGetsTheOriginalAndOthersLarge() {
    assertThat(PhotoContent.choose(OWNER_VIEWER, READY, new ContentSize.Default()).served())
        .isEqualTo("original");
    PhotoContent others = PhotoContent.choose(ANONYMOUS, READY, new ContentSize.Default());
    assertThat(others.served())
        .as("large was not built: medium is the closest")
        .isEqualTo("medium");
    assertThat(others.location()).isEqualTo(new BlobLocation("/r/1", 300, 400));
    assertThat(others.etag()).isEqualTo("\"" + "03".repeat(32) + "\"");
    assertThat(others.contentType()).isEqualTo("image/jpeg");
    assertThat(others.viewerSpecific()).isFalse();
  }

  @Test
  void displaySizesFallBackToTheClosestBuiltForEveryone() {
    for (Optional<Principal> viewer : List.of(OWNER_VIEWER, STRANGER, ANONYMOUS)) {
      assertThat(display(viewer, READY, DisplaySize.THUMB).served()).isEqualTo("thumb");
      assertThat(display(viewer, READY, DisplaySize.SMALL).served()).isEqualTo("small");
      assertThat(display(viewer, READY, DisplaySize.LARGE).served()).isEqualTo("medium");
    }
  }

  @Test
  void beforeRenditionsExistOthersAreToldToRetryAndTheOwnerGetsTheOriginal() {
    assertThat(display(OWNER_VIEWER, PENDING, DisplaySize.THUMB).served()).isEqualTo("original");
    assertThat(display(OWNER_VIEWER, FAILED, DisplaySize.THUMB).served()).isEqualTo("original");
    for (Optional<Principal> other : List.of(STRANGER, ANONYMOUS)) {
      assertThatThrownBy(() -> display(other, PENDING, DisplaySize.THUMB))
          .isInstanceOfSatisfying(
              PicShareException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.RENDITION_PENDING));
      assertThatThrownBy(() -> PhotoContent.choose(other, PENDING, new ContentSize.Default()))
          .isInstanceOfSatisfying(
              PicShareException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.RENDITION_PENDING));
      assertThatThrownBy(() -> display(other, FAILED, DisplaySize.LARGE))
          .isInstanceOfSatisfying(
              PicShareException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.RENDITION_FAILED));
    }
  }

  @Test
  void sizeParameterIsOneOfFiveExactNames() {
    assertThat(ContentSize.parse(null)).isEqualTo(new ContentSize.Default());
    assertThat(ContentSize.parse("original")).isEqualTo(new ContentSize.Original());
    assertThat(ContentSize.parse("thumb")).isEqualTo(new ContentSize.Display(DisplaySize.THUMB));
    assertThat(ContentSize.parse("large")).isEqualTo(new ContentSize.Display(DisplaySize.LARGE));
    for (String bad : List.of("", "LARGE", "huge", "1080", "thumb ")) {
      assertThatThrownBy(() -> ContentSize.parse(bad))
          .isInstanceOfSatisfying(
              PicShareException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
  }

  private static PhotoContent display(
      Optional<Principal> viewer, StoredPhoto photo, DisplaySize size) {
    return PhotoContent.choose(viewer, photo, new ContentSize.Display(size));
  }

  private static Principal principal(long userId) {
    return new Principal(userId, "user" + userId);
  }
}
