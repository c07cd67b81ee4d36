package vent.provider.relation.domain;

/** Which side of a user's follow edges a list shows. */
public enum Direction {
  /** Users who follow the user. */
  FOLLOWERS,
  /** Users the user follows. */
  FOLLOWING
}
