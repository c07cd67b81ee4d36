package vent.provider.post.domain;

import dev.vent.api.rules.FieldRule;
import dev.vent.api.rules.VentIds;
import dev.vent.post.v1.CreateVentRequest;
import dev.vent.post.v1.GetVentRequest;
import java.util.function.LongSupplier;
import vent.common.error.RequestChecks;
import vent.common.error.VentException;

/**
 * User and vent ids as this service checks them, by the rules of its request fields in {@code
 * vent/post/v1/post.proto} ({@code USER_ID}, {@code VENT_ID}).
 *
 * <p>A vent id ({@link VentIds}) is its author's id, "-", and a random unsigned 64-bit number in
 * base 36 (1 to 13 characters): the random part makes ids unguessable.
 */
public final class Ids {

  private static final FieldRule USER_ID =
      FieldRule.of(CreateVentRequest.getDescriptor(), "author_id");
  private static final FieldRule VENT_ID = FieldRule.of(GetVentRequest.getDescriptor(), "vent_id");

  private Ids() {}

  /**
   * @param field named in the error detail, e.g. {@code author_id}
   * @return {@code id}
   * @throws VentException INVALID_ARGUMENT / INVALID_USER_ID if {@code id} is not a user id
   */
  public static String requireUser(String id, String field) {
    RequestChecks.require(USER_ID.check(id, field));
    return id;
  }

  /**
   * @return {@code id}, empty for an anonymous viewer
   * @throws VentException INVALID_ARGUMENT / INVALID_USER_ID if it is neither empty nor a user id
   */
  public static String requireViewer(String id, String field) {
    return id.isEmpty() ? id : requireUser(id, field);
  }

  /**
   * @return {@code id}
   * @throws VentException INVALID_ARGUMENT / INVALID_VENT_ID if {@code id} is not a vent id
   */
  public static String requireVent(String id) {
    RequestChecks.require(VENT_ID.check(id, "vent_id"));
    return id;
  }

  /**
   * @param random a source of random 64-bit numbers
   * @return a new vent id of {@code authorId}
   */
  public static String newVentId(String authorId, LongSupplier random) {
    return authorId + "-" + Long.toUnsignedString(random.getAsLong(), 36);
  }
}
