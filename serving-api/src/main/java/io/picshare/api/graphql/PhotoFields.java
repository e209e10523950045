package io.picshare.api.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The fields of {@code Photo}, read from the JSON REST shows the same caller ({@link PhotoNode}),
 * plus its owner's account and whether the caller likes it, both batched per level.
 */
final class PhotoFields {
  /** GraphQL field → the REST JSON key it shows. */
  private static final Map<String, String> SCALARS =
      Map.of(
          "id", "id",
          "title", "title",
          "contentType", "content_type",
          "size", "size",
          "width", "width",
          "height", "height",
          "orientation", "orientation",
          "createdAt", "created_at",
          "contentUrl", "content_url",
          "likeCount", "like_count");

  void wire(RuntimeWiring.Builder wiring) {
    wiring.type(
        "Photo",
        type -> {
          SCALARS.forEach((field, key) -> type.dataFetcher(field, env -> view(env).getValue(key)));
          return type.dataFetcher("location", PhotoFields::location)
              .dataFetcher("sizes", PhotoFields::sizes)
              .dataFetcher(
                  "sizesState", env -> view(env).getString("sizes_state").toUpperCase(Locale.ROOT))
              .dataFetcher("owner", PhotoFields::owner)
              .dataFetcher("likedByMe", PhotoFields::likedByMe);
        });
  }

  private static PhotoNode node(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static JsonObject view(DataFetchingEnvironment env) {
    return node(env).view();
  }

  /** Absent from the view unless the caller owns the photo. */
  private static Map<String, Object> location(DataFetchingEnvironment env) {
    JsonObject location = view(env).getJsonObject("location");
    return location == null ? null : location.getMap();
  }

  private static List<Map<String, Object>> sizes(DataFetchingEnvironment env) {
    JsonObject sizes = view(env).getJsonObject("sizes");
    List<Map<String, Object>> list = new ArrayList<>();
    for (String name : sizes.fieldNames()) {
      JsonObject size = sizes.getJsonObject(name);
      list.add(
          Map.of(
              "name", name,
              "width", size.getInteger("width"),
              "height", size.getInteger("height"),
              "url", size.getString("url")));
    }
    return list;
  }

  private static CompletableFuture<UserNode> owner(DataFetchingEnvironment env) {
    long ownerId = node(env).photo().record().ownerId();
    return Loaders.user(env, ownerId)
        .thenApply(
            account -> {
              if (account == null) {
                throw PicShareException.notFound("the photo's owner no longer exists");
              }
              return UserNode.of(account);
            });
  }

  /** Null without a caller; otherwise one read of the caller's likes per level. */
  private static CompletableFuture<Boolean> likedByMe(DataFetchingEnvironment env) {
    if (RequestScope.of(env).viewer().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return Loaders.likedByViewer(env, node(env).photoId());
  }
}
