package vent.provider.captcha.domain;

import java.time.Duration;
import java.util.Optional;

/** Where captcha answers wait for their one verification. */
public interface CaptchaRepository {

  /**
   * Stores an answer that is forgotten after {@code ttl}.
   *
   * @param id the captcha id
   * @param answer the normalised (trimmed, lower-case) answer
   */
  void save(String id, String answer, Duration ttl);

  /**
   * Reads and removes an answer in one atomic step, so that an answer can be checked once only.
   *
   * @return the stored answer, or empty when unknown, expired or already taken
   */
  Optional<String> take(String id);
}
