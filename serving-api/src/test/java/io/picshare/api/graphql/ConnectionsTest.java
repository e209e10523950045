package io.picshare.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Relay connections over a service's page. */
class ConnectionsTest {
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> edges(Map<String, Object> connection) {
    return (List<Map<String, Object>>) connection.get("edges");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pageInfo(Map<String, Object> connection) {
    return (Map<String, Object>) connection.get("pageInfo");
  }

  @Test
  void everyEdgeKeepsItsOwnCursorAndPageInfoTheNextOne() {
    Map<String, Object> connection =
        Connections.of(List.of("a", "b"), List.of("ca", "cb"), Optional.of("cb"));

    assertThat(edges(connection))
        .containsExactly(Map.of("cursor", "ca", "node", "a"), Map.of("cursor", "cb", "node", "b"));
    assertThat(pageInfo(connection)).isEqualTo(Map.of("hasNextPage", true, "endCursor", "cb"));
  }

  @Test
  void withoutPerItemCursorsOnlyTheLastEdgeHasOne() {
    Map<String, Object> connection =
        Connections.of(List.of("a", "b", "c"), Connections.lastOnly(3), Optional.of("next"));

    assertThat(edges(connection).stream().map(edge -> edge.get("cursor")).toList())
        .isEqualTo(Arrays.asList(null, null, "next"));
  }

  @Test
  void theLastPageHasNoNextPageNorEndCursor() {
    Map<String, Object> connection =
        Connections.of(List.of("a"), Connections.lastOnly(1), Optional.empty());

    assertThat(edges(connection).get(0).get("cursor")).isNull();
    assertThat(pageInfo(connection).get("hasNextPage")).isEqualTo(false);
    assertThat(pageInfo(connection).get("endCursor")).isNull();
    assertThat(edges(Connections.of(List.of(), List.of(), Optional.empty()))).isEmpty();
  }

  @Test
  void onTheLastPageTheEndCursorIsTheLastEdgesOwn() {
    Map<String, Object> connection =
        Connections.of(List.of("a", "b"), List.of("ca", "cb"), Optional.empty());

    assertThat(pageInfo(connection)).isEqualTo(Map.of("hasNextPage", false, "endCursor", "cb"));
  }

  @Test
  void theServicesNextCursorIsTheEndCursorEvenPastTheLastEdge() {
    Map<String, Object> connection =
        Connections.of(List.of("a"), List.of("ca"), Optional.of("skipped-stale-row"));

    assertThat(pageInfo(connection).get("endCursor")).isEqualTo("skipped-stale-row");
  }

  @Test
  void oneCursorPerNodeIsRequired() {
    assertThatThrownBy(() -> Connections.of(List.of("a", "b"), List.of("ca"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void firstDefaultsToTwenty() {
    assertThat(Connections.first(null)).isEqualTo(20);
    assertThat(Connections.first(7)).isEqualTo(7);
  }
}
