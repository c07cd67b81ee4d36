package vent.provider.auth.domain;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Changes a password: checks the current one, stores the new hash, ends every session of the
 * user and opens a new one for the caller.
 *
 * <p>The hash is replaced before the sessions end, so a login racing with the change cannot
 * use the old password after the sessions were cleared.
 */
public final class ChangePasswordUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(ChangePasswordUseCase.class);

  private final CredentialRepository credentials;
  private final CredentialChecker checker;
  private final SessionOpener opener;
  private final Clock clock;

  public ChangePasswordUseCase(CredentialRepository credentials, CredentialChecker checker, SessionOpener opener) {
    this.credentials = credentials;
    this.checker = checker;
    this.opener = opener;
    this.clock = opener.clock();
  }

  /**
   * @return tokens of a new session; every earlier session of the user has ended
   * @throws VentException INVALID_ARGUMENT MISSING_FIELD (user_id or current_password empty),
   *     INVALID_PASSWORD (new password not 8..72 bytes); UNAUTHENTICATED INVALID_CREDENTIALS
   *     (unknown user or wrong current password)
   */
  public Tokens change(String userId, String currentPassword, String newPassword) {
    AuthErrors.require(userId, "user_id");
    AuthErrors.require(currentPassword, "current_password");
    PasswordPolicy.check(newPassword);
    Optional<Credential> credential = credentials.findByUserId(userId);
    Optional<CredentialChecker.Failure> failure = checker.check(credential, currentPassword);
    if (failure.isPresent()) {
      LOG.info("event=password_change_failed reason={} userId={}", failure.get().name().toLowerCase(Locale.ROOT), userId);
      throw AuthErrors.invalidCredentials();
    }
    String newHash = checker.hasher().hash(newPassword);
    if (!credentials.replaceHash(userId, credential.get().passwordHash(), newHash, clock.millis())) {
      // Another change won the race; the password checked above is no longer current.
      LOG.info("event=password_change_failed reason=concurrent_change userId={}", userId);
      throw AuthErrors.invalidCredentials();
    }
    int ended = opener.sessions().endAll(userId);
    Tokens tokens = opener.open(userId);
    LOG.info("event=password_changed userId={} sessionsEnded={} sessionId={}", userId, ended, tokens.sessionId());
    return tokens;
  }
}
