package vent.provider.auth.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Durable, shared storage of the access-token signing keys, so every auth instance signs with
 * the same key and a restart keeps it. Keys travel as private JWK JSON text (RFC 7517).
 */
public interface SigningKeyStore {

  /** @return the key id new tokens are signed with, if a key was created already */
  Optional<String> currentKid();

  /**
   * Makes {@code kid} the current key unless some key is current already (set-if-absent,
   * atomic). When two instances race, exactly one key wins; both get the winner's id.
   *
   * @param privateJwkJson the key including its private part
   * @return the id of the current key after the call: {@code kid} if it won, else the other
   */
  String createIfAbsent(String kid, String privateJwkJson);

  /** @return every stored key, id to private JWK JSON */
  Map<String, String> all();
}
