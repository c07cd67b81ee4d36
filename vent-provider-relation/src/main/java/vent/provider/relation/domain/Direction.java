package vent.provider.relation.domain;

/** Which of a user's lists of other users a page shows. */
public enum Direction {
  /** Users who follow the user. */
  FOLLOWERS,
  /** Users the user follows. */
  FOLLOWING,
  /** Users the user blocks. */
  BLOCKING,
  /** Users the user mutes. */
  MUTING
}
