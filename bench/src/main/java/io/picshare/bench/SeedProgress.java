package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one seed has written so far, saved as JSON beside the data it describes (in HDFS), so a
 * rerun continues where the last run stopped: the spec it was started with (a rerun with other
 * sizes is refused), the worker id and anchor its ids are made from, the image file's index, and
 * for each phase how many of its items are done (a prefix: see {@link CompletionCursor}).
 */
record SeedProgress(
    GraphSpec spec,
    int workerId,
    long anchorMillis,
    Optional<SeedImages> images,
    Map<Phase, Long> done) {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The phases, in the order they run; each counts its own items. */
  enum Phase {
    USERS("users"),
    PHOTOS("photos"),
    FOLLOWS("follows"),
    INBOXES("photos fanned out"),
    LIKES("likes"),
    COUNTS("users and photos counted");

    private final String items;

    Phase(String items) {
      this.items = items;
    }

    /** What the phase counts, for progress lines. */
    String items() {
      return items;
    }

    long total(GraphSpec spec) {
      return switch (this) {
        case USERS -> spec.users();
        case PHOTOS, INBOXES -> spec.photos();
        case FOLLOWS -> spec.follows();
        case LIKES -> spec.likes();
        case COUNTS -> (long) spec.users() + spec.photos();
      };
    }
  }

  SeedProgress {
    requireNonNull(spec, "spec is null");
    requireNonNull(images, "images is null");
    EnumMap<Phase, Long> copy = new EnumMap<>(Phase.class);
    for (Phase phase : Phase.values()) {
      long value = done.getOrDefault(phase, 0L);
      if (value < 0 || value > phase.total(spec)) {
        throw new IllegalArgumentException(phase + " done out of range: " + value);
      }
      copy.put(phase, value);
    }
    done = Collections.unmodifiableMap(copy);
  }

  static SeedProgress start(GraphSpec spec, int workerId, long anchorMillis) {
    return new SeedProgress(spec, workerId, anchorMillis, Optional.empty(), Map.of());
  }

  long done(Phase phase) {
    return done.get(phase);
  }

  boolean finished(Phase phase) {
    return done(phase) == phase.total(spec);
  }

  boolean complete() {
    return finished(Phase.COUNTS);
  }

  SeedProgress withDone(Phase phase, long items) {
    Map<Phase, Long> next = new EnumMap<>(done);
    next.put(phase, items);
    return new SeedProgress(spec, workerId, anchorMillis, images, next);
  }

  SeedProgress withImages(SeedImages written) {
    return new SeedProgress(spec, workerId, anchorMillis, Optional.of(written), done);
  }

  SeedIds ids() {
    return new SeedIds(spec, workerId, anchorMillis);
  }

  String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode s = root.putObject("spec");
    s.put("users", spec.users());
    s.put("follows", spec.follows());
    s.put("photos", spec.photos());
    s.put("likes", spec.likes());
    s.put("seed", spec.seed());
    s.put("follow_skew", spec.followSkew());
    s.put("like_skew", spec.likeSkew());
    s.put("celebrity_followers", spec.celebrityFollowers());
    root.put("worker_id", workerId);
    root.put("anchor_millis", anchorMillis);
    images.ifPresent(
        index -> {
          ObjectNode i = root.putObject("images");
          i.put("path", index.path());
          ArrayNode list = i.putArray("images");
          for (SeedImages.Image image : index.images()) {
            list.addObject()
                .put("offset", image.offset())
                .put("length", image.length())
                .put("width", image.width())
                .put("height", image.height())
                .put("sha256", image.sha256());
          }
        });
    ObjectNode d = root.putObject("done");
    done.forEach((phase, items) -> d.put(phase.name().toLowerCase(java.util.Locale.ROOT), items));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @throws IllegalArgumentException if {@code json} is not a progress file of this format
   */
  static SeedProgress fromJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.path("format").asInt(-1) != FORMAT) {
      throw new IllegalArgumentException("not a format-" + FORMAT + " seed progress file");
    }
    JsonNode s = required(root, "spec");
    GraphSpec spec =
        new GraphSpec(
            required(s, "users").asInt(),
            required(s, "follows").asLong(),
            required(s, "photos").asInt(),
            required(s, "likes").asLong(),
            required(s, "seed").asLong(),
            required(s, "follow_skew").asDouble(),
            required(s, "like_skew").asDouble(),
            required(s, "celebrity_followers").asInt());
    Optional<SeedImages> images = Optional.empty();
    if (root.has("images")) {
      JsonNode i = root.get("images");
      List<SeedImages.Image> list = new ArrayList<>();
      for (JsonNode image : required(i, "images")) {
        list.add(
            new SeedImages.Image(
                required(image, "offset").asLong(),
                required(image, "length").asInt(),
                required(image, "width").asInt(),
                required(image, "height").asInt(),
                required(image, "sha256").asText()));
      }
      images = Optional.of(new SeedImages(required(i, "path").asText(), list));
    }
    Map<Phase, Long> done = new EnumMap<>(Phase.class);
    JsonNode d = required(root, "done");
    for (Phase phase : Phase.values()) {
      done.put(phase, d.path(phase.name().toLowerCase(java.util.Locale.ROOT)).asLong(0));
    }
    return new SeedProgress(
        spec,
        required(root, "worker_id").asInt(),
        required(root, "anchor_millis").asLong(),
        images,
        done);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("seed progress file lacks \"" + field + "\"");
    }
    return value;
  }
}
