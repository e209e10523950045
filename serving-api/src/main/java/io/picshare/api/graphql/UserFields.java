package io.picshare.api.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.social.UserPage;
import io.picshare.data.UserAccount;
import io.picshare.schema.id.PublicIds;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * The fields of {@code User}: its record, its counts (from the account, batched when the node came
 * without one), and its photos, followers and following as connections.
 */
final class UserFields {
  private final GraphQLServices services;

  UserFields(GraphQLServices services) {
    this.services = services;
  }

  void wire(RuntimeWiring.Builder wiring) {
    wiring.type(
        "User",
        type ->
            type.dataFetcher("id", env -> PublicIds.encode(node(env).user().userId()))
                .dataFetcher("username", env -> node(env).user().username())
                .dataFetcher(
                    "createdAt",
                    env -> Instant.ofEpochMilli(node(env).user().createdAtMillis()).toString())
                .dataFetcher("photoCount", env -> count(env, UserAccount::photoCount))
                .dataFetcher("followerCount", env -> count(env, UserAccount::followerCount))
                .dataFetcher("followingCount", env -> count(env, UserAccount::followingCount))
                .dataFetcher("photos", this::photos)
                .dataFetcher("followers", this::followers)
                .dataFetcher("following", this::following));
  }

  private static UserNode node(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static CompletableFuture<Integer> count(
      DataFetchingEnvironment env, ToLongFunction<UserAccount> counter) {
    UserNode node = node(env);
    CompletableFuture<UserAccount> account =
        node.account().isPresent()
            ? CompletableFuture.completedFuture(node.account().get())
            : Loaders.user(env, node.user().userId());
    return account.thenApply(
        found -> {
          if (found == null) {
            throw PicShareException.notFound(
                "no user with id " + PublicIds.encode(node.user().userId()));
          }
          return saturated(counter.applyAsLong(found));
        });
  }

  private static int saturated(long count) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, count));
  }

  private CompletableFuture<Map<String, Object>> photos(DataFetchingEnvironment env) {
    return Fetch.of(
        services
            .photos()
            .list(node(env).user().username(), after(env), first(env))
            .map(page -> QueryFields.photoConnection(page, RequestScope.of(env).viewer(), true)));
  }

  private CompletableFuture<Map<String, Object>> followers(DataFetchingEnvironment env) {
    return Fetch.of(
        services
            .follows()
            .followers(node(env).user().username(), after(env), first(env))
            .map(UserFields::connection));
  }

  private CompletableFuture<Map<String, Object>> following(DataFetchingEnvironment env) {
    return Fetch.of(
        services
            .follows()
            .following(node(env).user().username(), after(env), first(env))
            .map(UserFields::connection));
  }

  private static Map<String, Object> connection(UserPage page) {
    return Connections.of(
        page.users().stream().map(UserNode::of).toList(), page.cursors(), page.nextCursor());
  }

  private static int first(DataFetchingEnvironment env) {
    return Connections.first(env.getArgument("first"));
  }

  private static Optional<String> after(DataFetchingEnvironment env) {
    return Optional.ofNullable(env.getArgument("after"));
  }
}
