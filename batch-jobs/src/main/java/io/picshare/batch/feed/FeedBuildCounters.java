package io.picshare.batch.feed;

/**
 * What {@link FeedBuildJob} counted, in Hadoop counter group {@code
 * io.picshare.batch.feed.FeedBuildCounters}. Never renamed: scripts and dashboards read them.
 */
public enum FeedBuildCounters {
  /** Follow rows that stand ({@code f:e} holds an edge id): one follower → followee edge each. */
  EDGES,
  /** Follow rows of an unfollow ({@code f:e} empty); their follower still gets a feed row. */
  UNFOLLOWED_EDGES,
  /** Live photos uploaded inside the window before the cutoff: the candidates. */
  PHOTOS,
  /** Live photos older than the window. */
  PHOTOS_OUTSIDE_WINDOW,
  /** Live photos uploaded at or after the cutoff (the fresh layer serves them). */
  PHOTOS_AFTER_CUTOFF,
  /** Photo rows without a committed photo ({@code m:sh}) or marked deleted ({@code m:x}). */
  PHOTOS_ABSENT,
  /** Rows that could not be read (malformed key or cell): skipped. */
  BAD_ROWS,
  /** (follower, photo) pairs the join produced, before each follower's top K. */
  PAIRS,
  /** Users with a follow row (standing or not): each gets a feed row. */
  USERS,
  /** Feed rows written with at least one candidate. */
  FEEDS_WRITTEN,
  /** Feed rows written empty (the user follows nobody now, or nobody who posted in the window). */
  EMPTY_FEEDS_WRITTEN,
  /** Candidates in all feed rows written. */
  CANDIDATES_WRITTEN
}
