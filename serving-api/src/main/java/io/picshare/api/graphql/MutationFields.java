package io.picshare.api.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.picshare.api.domain.auth.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The fields of {@code Mutation}: follow, unfollow, like, unlike and delete, each the service call
 * its REST route makes, then a read of what changed. Each needs a caller.
 */
final class MutationFields {
  private final GraphQLServices services;

  MutationFields(GraphQLServices services) {
    this.services = services;
  }

  void wire(RuntimeWiring.Builder wiring) {
    wiring.type(
        "Mutation",
        type ->
            type.dataFetcher("follow", this::follow)
                .dataFetcher("unfollow", this::unfollow)
                .dataFetcher("like", this::like)
                .dataFetcher("unlike", this::unlike)
                .dataFetcher("deletePhoto", this::deletePhoto));
  }

  private CompletableFuture<UserNode> follow(DataFetchingEnvironment env) {
    Principal caller = RequestScope.of(env).requireViewer();
    String username = env.getArgument("username");
    return Fetch.of(
        services
            .follows()
            .follow(caller, username)
            .onSuccess(done -> Loaders.forgetUsers(env))
            .compose(done -> services.accounts().profile(username))
            .map(UserNode::of));
  }

  private CompletableFuture<UserNode> unfollow(DataFetchingEnvironment env) {
    Principal caller = RequestScope.of(env).requireViewer();
    String username = env.getArgument("username");
    return Fetch.of(
        services
            .follows()
            .unfollow(caller, username)
            .onSuccess(done -> Loaders.forgetUsers(env))
            .compose(done -> services.accounts().profile(username))
            .map(UserNode::of));
  }

  private CompletableFuture<PhotoNode> like(DataFetchingEnvironment env) {
    Principal caller = RequestScope.of(env).requireViewer();
    String photoId = env.getArgument("photoId");
    return Fetch.of(
        services
            .likes()
            .like(caller, photoId)
            .compose(done -> services.photos().find(photoId))
            .onSuccess(photo -> Loaders.forgetLike(env, photo.record().photoId()))
            .map(photo -> PhotoNode.of(photo, Optional.of(caller))));
  }

  private CompletableFuture<PhotoNode> unlike(DataFetchingEnvironment env) {
    Principal caller = RequestScope.of(env).requireViewer();
    String photoId = env.getArgument("photoId");
    return Fetch.of(
        services
            .likes()
            .unlike(caller, photoId)
            .compose(done -> services.photos().find(photoId))
            .onSuccess(photo -> Loaders.forgetLike(env, photo.record().photoId()))
            .map(photo -> PhotoNode.of(photo, Optional.of(caller))));
  }

  private CompletableFuture<Map<String, Object>> deletePhoto(DataFetchingEnvironment env) {
    Principal caller = RequestScope.of(env).requireViewer();
    String id = env.getArgument("id");
    return Fetch.of(
        services
            .deletes()
            .delete(caller, id)
            .map(done -> Map.<String, Object>of("deletedPhotoId", id)));
  }
}
