package vent.provider.auth.domain;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Changes a password: checks the current one ({@link PasswordReconfirmation}: failures counted, a
 * captcha after too many), stores the new hash, ends every session of the user and opens a new one
 * for the caller.
 *
 * <p>Storing the hash raises the credential's version, and a session opens only against the version
 * whose password was checked, so a login that checked the old password and stores its session after
 * the change gets none; sessions stored before the change are ended by it.
 */
public final class ChangePasswordUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(ChangePasswordUseCase.class);

  private final CredentialRepository credentials;
  private final PasswordReconfirmation reconfirmation;
  private final PasswordHasher hasher;
  private final SessionOpener opener;
  private final Clock clock;

  public ChangePasswordUseCase(
      CredentialRepository credentials,
      PasswordReconfirmation reconfirmation,
      PasswordHasher hasher,
      SessionOpener opener) {
    this.credentials = credentials;
    this.reconfirmation = reconfirmation;
    this.hasher = hasher;
    this.opener = opener;
    this.clock = opener.clock();
  }

  /** A change without a captcha, see {@link #change(String, String, String, String, String)}. */
  public Tokens change(String userId, String currentPassword, String newPassword) {
    return change(userId, currentPassword, newPassword, "", "");
  }

  /**
   * @param captchaId with {@code captchaAnswer}: a solved captcha, needed only once
   *     CAPTCHA_REQUIRED was answered; empty or null otherwise
   * @return tokens of a new session; every earlier session of the user has ended
   * @throws VentException INVALID_ARGUMENT MISSING_FIELD (user_id or current_password empty),
   *     INVALID_PASSWORD (new password not 8..72 bytes), CAPTCHA_INVALID; FAILED_PRECONDITION
   *     CAPTCHA_REQUIRED; UNAUTHENTICATED INVALID_CREDENTIALS (unknown user, wrong current
   *     password, or another change or a deletion won the race: nothing changed then)
   */
  public Tokens change(
      String userId,
      String currentPassword,
      String newPassword,
      String captchaId,
      String captchaAnswer) {
    AuthErrors.require(userId, "user_id");
    AuthErrors.require(currentPassword, "current_password");
    PasswordPolicy.check(newPassword);
    Credential checked =
        reconfirmation.confirm(
            "password_change", userId, currentPassword, captchaId, captchaAnswer);
    String newHash = hasher.hash(newPassword);
    long changedAt = clock.millis();
    if (!credentials.replaceHash(userId, checked.version(), newHash, changedAt)) {
      LOG.info("event=password_change_failed reason=concurrent_change userId={}", userId);
      throw AuthErrors.invalidCredentials();
    }
    int ended = opener.sessions().endAll(userId);
    Credential current =
        new Credential(userId, checked.username(), newHash, changedAt, checked.version() + 1);
    Optional<Tokens> tokens = opener.open(current);
    if (tokens.isEmpty()) {
      // The password is changed and every session ended, but a later change or a deletion came
      // before the caller's new session could be stored.
      LOG.info(
          "event=password_changed userId={} sessionsEnded={} sessionId=none reason=concurrent_change",
          userId,
          ended);
      throw AuthErrors.invalidCredentials();
    }
    LOG.info(
        "event=password_changed userId={} sessionsEnded={} sessionId={}",
        userId,
        ended,
        tokens.get().sessionId());
    return tokens.get();
  }
}
