package vent.bench.rpc;

import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.User;
import java.util.Map;

/**
 * The data both servers of B3 serve: one prebuilt {@link User}, looked up by id from an immutable
 * in-memory map, so that the Triple and the grpc-java implementation do the very same (trivial)
 * work per call and the benchmark compares the RPC stacks only.
 */
public final class BenchUsers {

  /** The id every benchmark call asks for. */
  public static final String ID = "184467440737095";

  /**
   * A realistic profile (every field set, a bio of typical length); about 190 bytes on the wire,
   * what vent-provider-user answers to {@code GetUser} for an ordinary user.
   */
  public static final User USER =
      User.newBuilder()
          .setId(ID)
          .setUsername("ada_lovelace")
          .setDisplayName("Ada Lovelace")
          .setBio(
              "Mathematician and writer. Notes on the Analytical Engine; first to see that a machine "
                  + "could act on symbols other than numbers. Poetical science.")
          .setCreatedAtMs(1_700_000_000_123L)
          .setUpdatedAtMs(1_760_000_000_456L)
          .build();

  /** The request of every benchmark call: {@code GetUser} for {@link #ID}. */
  public static final GetUserRequest REQUEST = GetUserRequest.newBuilder().setId(ID).build();

  private static final Map<String, User> BY_ID = Map.of(ID, USER);

  private BenchUsers() {}

  /**
   * @param id a user id
   * @return the prebuilt user with that id, or null when there is none
   */
  public static User find(String id) {
    return BY_ID.get(id);
  }

  /** The gRPC status description of an unknown id, the same text from both servers. */
  static String notFound(String id) {
    return "USER_NOT_FOUND: no user with id " + id;
  }
}
