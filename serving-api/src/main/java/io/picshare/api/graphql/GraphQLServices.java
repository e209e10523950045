package io.picshare.api.graphql;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.account.AccountService;
import io.picshare.api.domain.feed.FeedService;
import io.picshare.api.domain.photo.PhotoDeleteService;
import io.picshare.api.domain.photo.PhotoReadService;
import io.picshare.api.domain.search.SearchService;
import io.picshare.api.domain.social.FollowService;
import io.picshare.api.domain.social.LikeService;

/** The domain services GraphQL resolves fields with: the ones the REST routes call. */
public record GraphQLServices(
    AccountService accounts,
    PhotoReadService photos,
    PhotoDeleteService deletes,
    FollowService follows,
    LikeService likes,
    FeedService feeds,
    SearchService search) {
  public GraphQLServices {
    requireNonNull(accounts, "accounts is null");
    requireNonNull(photos, "photos is null");
    requireNonNull(deletes, "deletes is null");
    requireNonNull(follows, "follows is null");
    requireNonNull(likes, "likes is null");
    requireNonNull(feeds, "feeds is null");
    requireNonNull(search, "search is null");
  }
}
