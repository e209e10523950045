package io.picshare.api.workers.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.events.SocialEvent;
import io.picshare.data.OutboxStore;
import io.picshare.schema.id.PublicIds;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which user's webhooks each event goes to. */
class WebhookFanOutTest {
  @Test
  void likesGoToThePhotosOwnerAndFollowsToTheFollowee() {
    OutboxStore.Entry liked = SocialEvent.liked(11, 0, 22, 33, 44, "bob");
    OutboxStore.Entry followed = SocialEvent.followed(12, 0, 44, "bob", 55, "alice");

    assertThat(WebhookFanOut.subjectOf(liked.topic(), liked.payload()))
        .hasValueSatisfying(
            subject -> {
              assertThat(subject.eventId()).isEqualTo(11);
              assertThat(subject.userId()).as("the photo's owner, not the liker").isEqualTo(33);
            });
    assertThat(WebhookFanOut.subjectOf(followed.topic(), followed.payload()))
        .hasValueSatisfying(subject -> assertThat(subject.userId()).isEqualTo(55));
  }

  @Test
  void photoEventsGoToThePhotosOwner() {
    String payload =
        "{\"event_id\":\""
            + PublicIds.encode(7)
            + "\",\"type\":\"photo-deleted\",\"photo\":{\"id\":\""
            + PublicIds.encode(8)
            + "\",\"owner_id\":\""
            + PublicIds.encode(9)
            + "\"}}";

    assertThat(WebhookFanOut.subjectOf("photo-deleted", payload.getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(subject -> assertThat(subject.userId()).isEqualTo(9));
  }

  @Test
  void eventsThatNameNoUserAreSkipped() {
    assertThat(
            WebhookFanOut.subjectOf("photo-uploaded", "not json".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(
            WebhookFanOut.subjectOf(
                "photo-uploaded", "{\"event_id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(
            WebhookFanOut.subjectOf(
                "user-followed",
                "{\"event_id\":\"6FxOqqZBhGg\",\"followee\":7}".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }
}
