package vent.provider.relation.domain;

/** What a follow did on the follower's side. */
public enum FollowOutcome {
  /** The edge is new. */
  CREATED,
  /** Nothing changed: the edge existed (its time is kept), or a user is deleted. */
  UNCHANGED,
  /** Refused: one of the two users blocks the other. */
  BLOCKED
}
