package vent.provider.relation.domain;

import dev.vent.api.rules.FieldRule;
import dev.vent.relation.v1.FollowRequest;
import vent.common.error.RequestChecks;
import vent.common.error.VentException;

/**
 * User ids as this service checks them: by the rule of its request fields in {@code
 * vent/relation/v1/relation.proto} (the {@code USER_ID} format, {@link
 * dev.vent.api.rules.UserIds}). Existence is the callers' business (see relation.proto).
 */
public final class UserIds {

  /** Every user id field of the service has this rule; follower_id stands for them all. */
  private static final FieldRule USER_ID =
      FieldRule.of(FollowRequest.getDescriptor(), "follower_id");

  private UserIds() {}

  /**
   * @param field the request field, named in the error detail, e.g. {@code follower_id}
   * @return {@code id}
   * @throws VentException INVALID_ARGUMENT / INVALID_USER_ID if {@code id} is not well-formed
   */
  public static String require(String id, String field) {
    RequestChecks.require(USER_ID.check(id, field));
    return id;
  }

  /** The order of "user id ascending" ({@link dev.vent.api.rules.UserIds#compareNumerically}). */
  public static int compareNumerically(String a, String b) {
    return dev.vent.api.rules.UserIds.compareNumerically(a, b);
  }
}
