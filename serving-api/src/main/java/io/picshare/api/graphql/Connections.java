package io.picshare.api.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Relay-style connections over the services' pages: {@code edges { cursor node }} and {@code
 * pageInfo { hasNextPage endCursor }}, where {@code endCursor} is the service's own next cursor or,
 * on the last page, the last edge's cursor (null where the list has no cursor per item).
 */
final class Connections {
  /** How many items a paged field returns when {@code first} is not given. */
  static final int DEFAULT_FIRST = 20;

  private Connections() {}

  /**
   * A connection of {@code nodes}; {@code cursors} holds each node's cursor, or null where the
   * service cannot resume after that node (then only the last edge gets one: {@code next}).
   */
  static Map<String, Object> of(List<?> nodes, List<String> cursors, Optional<String> next) {
    if (cursors.size() != nodes.size()) {
      throw new IllegalArgumentException("one cursor (or null) per node is required");
    }
    List<Map<String, Object>> edges = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      String cursor = cursors.get(i);
      if (cursor == null && i == nodes.size() - 1) {
        cursor = next.orElse(null);
      }
      Map<String, Object> edge = new HashMap<>();
      edge.put("cursor", cursor);
      edge.put("node", nodes.get(i));
      edges.add(edge);
    }
    Map<String, Object> pageInfo = new HashMap<>();
    pageInfo.put("hasNextPage", next.isPresent());
    // the service's own next cursor wins: it may lie past rows it skipped (e.g. stale follows)
    pageInfo.put(
        "endCursor",
        next.orElse(edges.isEmpty() ? null : (String) edges.get(edges.size() - 1).get("cursor")));
    return Map.of("edges", edges, "pageInfo", pageInfo);
  }

  /** Cursors for a list where the service resumes only after its last item. */
  static List<String> lastOnly(int size) {
    List<String> cursors = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      cursors.add(null);
    }
    return cursors;
  }

  /** {@code first} as given, or {@link #DEFAULT_FIRST}; the services check its range. */
  static int first(Integer first) {
    return first == null ? DEFAULT_FIRST : first;
  }
}
