package io.picshare.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a feed page ({@code {"items": [Photo…], "next_cursor": …}}) as the API documents it. */
final class FeedPages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FeedPages() {}

  /** The photo ids of the page, in order. */
  static List<String> items(String page) {
    List<String> ids = new ArrayList<>();
    for (JsonNode item : parse(page).path("items")) {
      ids.add(item.path("id").asText());
    }
    return ids;
  }

  static Optional<String> nextCursor(String page) {
    JsonNode cursor = parse(page).get("next_cursor");
    return cursor == null || cursor.isNull() ? Optional.empty() : Optional.of(cursor.asText());
  }

  private static JsonNode parse(String page) {
    try {
      return JSON.readTree(page);
    } catch (JsonProcessingException e) {
      throw new SetupException("a feed page is not JSON: " + BenchSetup.oneLine(page));
    }
  }
}
