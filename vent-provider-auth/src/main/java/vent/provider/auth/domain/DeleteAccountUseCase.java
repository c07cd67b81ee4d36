package vent.provider.auth.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Deletes an account after its password is confirmed again ({@link PasswordReconfirmation}:
 * failures counted, a captcha after too many). Only the user is deleted here, through the user
 * service, whose UserDeleted event drives the rest ({@link AccountRemoval} here, the follow graph
 * in the relation provider): one write decides, so a crash half-way cannot leave an account without
 * a profile or a profile without its cleanup.
 *
 * <p>Before the user is deleted the credential is retired (its version raised), so a login that
 * checked the password meanwhile cannot store a session; a login that stored one earlier has it
 * ended by {@link AccountRemoval}, and its access token is refused by vent-web's deleted users.
 */
public final class DeleteAccountUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(DeleteAccountUseCase.class);

  private final CredentialRepository credentials;
  private final PasswordReconfirmation reconfirmation;
  private final UserDirectory users;

  public DeleteAccountUseCase(
      CredentialRepository credentials,
      PasswordReconfirmation reconfirmation,
      UserDirectory users) {
    this.credentials = credentials;
    this.reconfirmation = reconfirmation;
    this.users = users;
  }

  /** A deletion without a captcha, see {@link #delete(String, String, String, String)}. */
  public void delete(String userId, String password) {
    delete(userId, password, "", "");
  }

  /**
   * @param captchaId with {@code captchaAnswer}: a solved captcha, needed only once
   *     CAPTCHA_REQUIRED was answered; empty or null otherwise
   * @throws VentException INVALID_ARGUMENT MISSING_FIELD (user_id or password empty),
   *     CAPTCHA_INVALID; FAILED_PRECONDITION CAPTCHA_REQUIRED; UNAUTHENTICATED INVALID_CREDENTIALS
   *     (no such account, wrong password, or the password changed meanwhile: nothing deleted);
   *     UNAVAILABLE when the user service cannot be reached (nothing is deleted then, though logins
   *     that were checking the password at that moment fail)
   */
  public void delete(String userId, String password, String captchaId, String captchaAnswer) {
    AuthErrors.require(userId, "user_id");
    AuthErrors.require(password, "password");
    Credential checked =
        reconfirmation.confirm("account_delete", userId, password, captchaId, captchaAnswer);
    if (!credentials.retire(userId, checked.version())) {
      LOG.info("event=account_delete_failed reason=concurrent_change userId={}", userId);
      throw AuthErrors.invalidCredentials();
    }
    users.delete(userId);
    LOG.info("event=account_deleted userId={}", userId);
  }
}
