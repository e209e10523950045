package io.picshare.data.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.schema.id.PublicIds;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhotoDocumentTest {
  private static final long CREATED = 1_780_282_800_123L; // 2026-06-01T03:00:00.123Z

  @Test
  void fieldsAreTheSchemasInOrderWithTheOwnerLowerCased() {
    PhotoDocument document = new PhotoDocument(42, 7, "Alice", "Lisbon at dusk", CREATED, 3);

    assertThat(document.fields())
        .containsExactly(
            entry("id", PublicIds.encode(42)),
            entry("owner_id", PublicIds.encode(7)),
            entry("owner", "alice"),
            entry("title", "Lisbon at dusk"),
            entry("created_at", new Date(CREATED)),
            entry("like_count", 3));
  }

  @Test
  void jsonIsTheSameFieldsWithAnIsoDate() {
    PhotoDocument document = new PhotoDocument(42, 7, "Alice", "Lisbon at dusk", CREATED, 3);

    assertThat(document.toJson())
        .isEqualTo(
            "{\"id\":\""
                + PublicIds.encode(42)
                + "\",\"owner_id\":\""
                + PublicIds.encode(7)
                + "\",\"owner\":\"alice\",\"title\":\"Lisbon at dusk\","
                + "\"created_at\":\"2026-06-01T03:00:00.123Z\",\"like_count\":3}");
  }

  @Test
  void jsonEscapesQuotesBackslashesAndControlCharacters() {
    String title = "say \"hi\" \\ to\ncafé\u0001☀";
    String json = new PhotoDocument(1, 2, "bob", title, 0, 0).toJson();

    assertThat(json)
        .contains("\"title\":\"say \\\"hi\\\" \\\\ to\\ncafé\\u0001☀\"")
        .contains("\"created_at\":\"1970-01-01T00:00:00Z\"");
  }

  @Test
  void likeCountIsCappedToSolrsIntAndNeverNegative() {
    assertThat(new PhotoDocument(1, 2, "bob", "t", 0, 5_000_000_000L).fields().get("like_count"))
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(new PhotoDocument(1, 2, "bob", "t", 0, -4).fields().get("like_count")).isEqualTo(0);
  }

  @Test
  void fieldNamesAreTheConstants() {
    assertThat(new PhotoDocument(1, 2, "bob", "t", 0, 0).fields().keySet())
        .containsExactlyElementsOf(
            List.of(
                PhotoDocument.ID,
                PhotoDocument.OWNER_ID,
                PhotoDocument.OWNER,
                PhotoDocument.TITLE,
                PhotoDocument.CREATED_AT,
                PhotoDocument.LIKE_COUNT));
  }

  private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
    return java.util.Map.entry(key, value);
  }
}
