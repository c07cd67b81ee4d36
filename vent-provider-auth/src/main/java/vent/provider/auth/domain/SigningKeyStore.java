package vent.provider.auth.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Durable, shared storage of the access-token signing keys, so every auth instance signs with the
 * same key and a restart keeps it. Keys travel as private JWK JSON text (RFC 7517).
 */
public interface SigningKeyStore {

  /**
   * @return the key id new tokens are signed with, if a key was created already
   */
  Optional<String> currentKid();

  /**
   * Makes {@code kid} the current key unless some key is current already (set-if-absent, atomic).
   * When two instances race, exactly one key wins; both get the winner's id.
   *
   * @param privateJwkJson the key including its private part
   * @return the id of the current key after the call: {@code kid} if it won, else the other
   */
  String createIfAbsent(String kid, String privateJwkJson);

  /**
   * Replaces the current key by {@code kid} if {@code expectedCurrentKid} is still current
   * (compare-and-set, atomic). The replaced key stays in the set, so tokens it signed keep
   * verifying, and is marked retired at {@code nowMs}; keys retired more than {@code
   * retainRetiredMs} ago are deleted in the same step.
   *
   * @param nowMs milliseconds since the epoch
   * @param retainRetiredMs how long a retired key keeps verifying, milliseconds (at least the
   *     access token lifetime)
   * @return the id of the current key after the call: {@code kid} if it won, else the key another
   *     instance rotated to first
   */
  String rotate(
      String expectedCurrentKid,
      String kid,
      String privateJwkJson,
      long nowMs,
      long retainRetiredMs);

  /**
   * @return every stored key, id to private JWK JSON
   */
  Map<String, String> all();
}
