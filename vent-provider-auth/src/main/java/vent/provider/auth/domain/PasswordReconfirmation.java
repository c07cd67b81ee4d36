package vent.provider.auth.domain;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Checks the password of a signed-in user again (password change, account deletion) with the
 * brute-force protection of login: the failures count in {@link LoginThrottle} under the same
 * per-username subject as failed logins, and once there are enough of them a solved captcha is
 * needed before the password is even checked.
 *
 * <p>One counter for both paths, because both test the same secret: a holder of a stolen access
 * token gets the same few guesses per window as anyone at the login form, not a few more per route.
 * The flip side is the one login already has: failures here make the user's next login ask for a
 * captcha as well. The client address is not counted: the token names the user.
 */
public final class PasswordReconfirmation {

  private static final Logger LOG = LoggerFactory.getLogger(PasswordReconfirmation.class);

  private final CredentialRepository credentials;
  private final CredentialChecker checker;
  private final LoginThrottle throttle;
  private final CaptchaVerifier captchas;

  public PasswordReconfirmation(
      CredentialRepository credentials,
      CredentialChecker checker,
      LoginThrottle throttle,
      CaptchaVerifier captchas) {
    this.credentials = credentials;
    this.checker = checker;
    this.throttle = throttle;
    this.captchas = captchas;
  }

  /**
   * @param action names the use case in the log lines ({@code event=<action>_failed})
   * @param captchaId empty or null unless the caller was asked for a captcha
   * @param captchaAnswer empty or null with no captcha
   * @return the credential whose password matched, read before the check (its version is the one to
   *     compare-and-set against)
   * @throws VentException FAILED_PRECONDITION CAPTCHA_REQUIRED (too many recent failures for the
   *     user and no captcha sent; the password was not checked); INVALID_ARGUMENT CAPTCHA_INVALID
   *     (captcha required and wrong, expired or spent); UNAUTHENTICATED INVALID_CREDENTIALS (no
   *     credential for the user, or a wrong password: counted as a failure); UNAVAILABLE when the
   *     captcha service is down
   */
  public Credential confirm(
      String action, String userId, String password, String captchaId, String captchaAnswer) {
    Optional<Credential> credential = credentials.findByUserId(userId);
    Optional<String> name = credential.map(Credential::username);
    if (name.isPresent() && throttle.captchaRequired(name.get(), "")) {
      if (blank(captchaId) || blank(captchaAnswer)) {
        LOG.info("event={}_refused reason=captcha_required userId={}", action, userId);
        throw AuthErrors.captchaRequired();
      }
      if (!captchas.verify(captchaId, captchaAnswer)) {
        LOG.info("event={}_refused reason=captcha_invalid userId={}", action, userId);
        throw AuthErrors.captchaInvalid();
      }
    }
    Optional<CredentialChecker.Failure> failure = checker.check(credential, password);
    if (failure.isPresent()) {
      name.ifPresent(n -> throttle.failed(n, ""));
      LOG.info(
          "event={}_failed reason={} userId={}",
          action,
          failure.get().name().toLowerCase(Locale.ROOT),
          userId);
      throw AuthErrors.invalidCredentials();
    }
    throttle.succeeded(name.orElseThrow());
    return credential.get();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
