package io.picshare.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.domain.notify.Notice;
import io.picshare.api.domain.notify.Notice.Kind;
import io.picshare.api.domain.notify.Notice.Person;
import io.picshare.api.domain.notify.Notice.PhotoRef;
import io.picshare.schema.id.PublicIds;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveNoticesTest {
  private static final String BOB = PublicIds.encode(11);
  private static final String ANN = PublicIds.encode(22);
  private static final String PHOTO = PublicIds.encode(33);
  private static final String AT = "2026-12-02T08:00:00Z";

  private static Optional<Notice> decode(String topic, String json) {
    return LiveNotices.decode(topic, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFollowNotifiesTheFollowee() {
    assertThat(
            decode(
                "user-followed",
                "{\"occurred_at\":\""
                    + AT
                    + "\",\"follower\":{\"id\":\""
                    + BOB
                    + "\",\"username\":\"bob\"},\"followee\":{\"id\":\""
                    + ANN
                    + "\",\"username\":\"ann\"}}"))
        .contains(new Notice(Kind.USER_FOLLOWED, new Person(11, "bob"), 22, Optional.empty(), AT));
  }

  @Test
  void aLikeNotifiesThePhotosOwner() {
    assertThat(
            decode(
                "photo-liked",
                "{\"occurred_at\":\""
                    + AT
                    + "\",\"photo_id\":\""
                    + PHOTO
                    + "\",\"owner_id\":\""
                    + ANN
                    + "\",\"user\":{\"id\":\""
                    + BOB
                    + "\",\"username\":\"bob\"}}"))
        .contains(
            new Notice(
                Kind.PHOTO_LIKED,
                new Person(11, "bob"),
                22,
                Optional.of(new PhotoRef(33, Optional.empty())),
                AT));
  }

  @Test
  void anUploadNamesItsAuthorAndTitle() {
    assertThat(
            decode(
                "photo-uploaded",
                "{\"occurred_at\":\""
                    + AT
                    + "\",\"photo\":{\"id\":\""
                    + PHOTO
                    + "\",\"owner_id\":\""
                    + ANN
                    + "\",\"owner\":\"ann\",\"title\":\"Dusk\"}}"))
        .contains(
            new Notice(
                Kind.PHOTO_UPLOADED,
                new Person(22, "ann"),
                22,
                Optional.of(new PhotoRef(33, Optional.of("Dusk"))),
                AT));
  }

  @Test
  void eventsItCannotReadMakeNoNotice() {
    assertThat(decode("photo-uploaded", "not json")).isEmpty();
    assertThat(decode("photo-uploaded", "[1,2]")).isEmpty();
    assertThat(decode("photo-uploaded", "{\"photo\":{\"id\":\"x\"}}")).isEmpty();
    assertThat(decode("photo-liked", "{\"photo_id\":\"" + PHOTO + "\"}")).isEmpty();
    assertThat(decode("user-followed", "{\"follower\":{\"id\":\"" + BOB + "\"}}")).isEmpty();
    assertThat(decode("user-followed", "{\"follower\":\"bob\"}")).isEmpty();
  }
}
