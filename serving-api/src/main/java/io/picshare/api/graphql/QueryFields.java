package io.picshare.api.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.photo.PhotoPage;
import io.picshare.api.domain.photo.StoredPhoto;
import io.picshare.schema.id.PublicIds;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The fields of {@code Query}, each one service call. */
final class QueryFields {
  private final GraphQLServices services;

  QueryFields(GraphQLServices services) {
    this.services = services;
  }

  void wire(RuntimeWiring.Builder wiring) {
    wiring.type(
        "Query",
        type ->
            type.dataFetcher("viewer", this::viewer)
                .dataFetcher("user", this::user)
                .dataFetcher("photo", this::photo)
                .dataFetcher("feed", this::feed)
                .dataFetcher("searchPhotos", this::searchPhotos)
                .dataFetcher("searchUsers", this::searchUsers));
  }

  private CompletableFuture<UserNode> viewer(DataFetchingEnvironment env) {
    Principal viewer = RequestScope.of(env).requireViewer();
    return Loaders.user(env, viewer.userId())
        .thenApply(
            account -> {
              if (account == null) {
                throw PicShareException.notFound("the caller's account no longer exists");
              }
              return UserNode.of(account);
            });
  }

  private CompletableFuture<UserNode> user(DataFetchingEnvironment env) {
    String username = env.getArgument("username");
    return Fetch.of(services.accounts().profile(username).map(UserNode::of));
  }

  private CompletableFuture<PhotoNode> photo(DataFetchingEnvironment env) {
    Optional<Principal> viewer = RequestScope.of(env).viewer();
    String id = env.getArgument("id");
    return Loaders.photo(env, id)
        .thenApply(
            photo -> {
              if (photo == null) {
                throw PicShareException.notFound("no photo with id '" + id + "'");
              }
              return PhotoNode.of(photo, viewer);
            });
  }

  private CompletableFuture<Map<String, Object>> feed(DataFetchingEnvironment env) {
    Principal viewer = RequestScope.of(env).requireViewer();
    String order = env.getArgument("order");
    String feedOrder = order == null ? null : order.toLowerCase(Locale.ROOT);
    return Fetch.of(
        services
            .feeds()
            .feed(
                viewer,
                feedOrder,
                Connections.first(env.getArgument("first")),
                Optional.ofNullable(env.getArgument("after")))
            .map(
                page ->
                    "recent".equals(feedOrder)
                        ? photoConnection(page, Optional.of(viewer), true)
                        : photoConnection(page, Optional.of(viewer), false)));
  }

  private CompletableFuture<Map<String, Object>> searchPhotos(DataFetchingEnvironment env) {
    Optional<Principal> viewer = RequestScope.of(env).viewer();
    return Fetch.of(
        services
            .search()
            .photos(
                env.getArgument("q"),
                Connections.first(env.getArgument("first")),
                Optional.ofNullable(env.getArgument("after")))
            .map(page -> photoConnection(page, viewer, false)));
  }

  private CompletableFuture<List<UserNode>> searchUsers(DataFetchingEnvironment env) {
    return Fetch.of(
        services
            .search()
            .users(env.getArgument("q"), Connections.first(env.getArgument("first")))
            .map(users -> users.stream().map(UserNode::of).toList()));
  }

  /**
   * A connection of a page of photos; {@code cursorPerPhoto} when the page's cursors are photo ids
   * (a user's photos, the recent feed), so that every edge can be resumed after.
   */
  static Map<String, Object> photoConnection(
      PhotoPage page, Optional<Principal> viewer, boolean cursorPerPhoto) {
    List<PhotoNode> nodes = page.photos().stream().map(p -> PhotoNode.of(p, viewer)).toList();
    List<String> cursors =
        cursorPerPhoto
            ? page.photos().stream().map(QueryFields::cursorOf).toList()
            : Connections.lastOnly(nodes.size());
    return Connections.of(nodes, cursors, page.nextCursor());
  }

  private static String cursorOf(StoredPhoto photo) {
    return PublicIds.encode(photo.record().photoId());
  }
}
