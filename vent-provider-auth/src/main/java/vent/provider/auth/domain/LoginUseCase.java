package vent.provider.auth.domain;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Logs a user in with username and password and opens a session.
 *
 * <p>After the password matched, the user service is asked whether the user still exists (a
 * credential can outlive its user when the UserDeleted event was lost): if not, the stale
 * credential and its sessions are removed and the login fails. The session is then stored only if
 * the credential is still the one checked ({@link SessionOpener#open}): a password change or an
 * account deletion during the ~80 ms of bcrypt makes the login fail and store nothing.
 *
 * <p>Logs name the user by id once the password matched; before that the typed name only as {@link
 * LogIds#name(String)}, since it is sometimes a password typed in the wrong field.
 */
public final class LoginUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(LoginUseCase.class);

  private final CredentialRepository credentials;
  private final CredentialChecker checker;
  private final SessionOpener opener;
  private final LoginThrottle throttle;
  private final CaptchaVerifier captchas;
  private final UserDirectory users;
  private final AccountRemoval removal;

  public LoginUseCase(
      CredentialRepository credentials,
      CredentialChecker checker,
      SessionOpener opener,
      LoginThrottle throttle,
      CaptchaVerifier captchas,
      UserDirectory users,
      AccountRemoval removal) {
    this.credentials = credentials;
    this.checker = checker;
    this.opener = opener;
    this.throttle = throttle;
    this.captchas = captchas;
    this.users = users;
    this.removal = removal;
  }

  /** A login without a captcha, see {@link #login(LoginCommand)}. */
  public Tokens login(String username, String password, String clientIp) {
    return login(new LoginCommand(username, password, clientIp, "", ""));
  }

  /**
   * Checks the captcha when {@link LoginThrottle} asks for one (spending it), then the password. A
   * captcha sent while none is required is ignored and stays unspent.
   *
   * @throws VentException INVALID_ARGUMENT MISSING_FIELD (username or password empty);
   *     FAILED_PRECONDITION CAPTCHA_REQUIRED (too many recent failures for the username or the
   *     client IP and no captcha sent; the password was not checked); INVALID_ARGUMENT
   *     CAPTCHA_INVALID (captcha required and wrong, expired or spent); UNAUTHENTICATED
   *     INVALID_CREDENTIALS (unknown user or wrong password, never says which; both take one bcrypt
   *     verification; also a user the user service no longer has, and a password changed or an
   *     account deleted while the password was being checked: no session is stored then);
   *     UNAVAILABLE when the captcha or user service is down
   */
  public Tokens login(LoginCommand command) {
    AuthErrors.require(command.username(), "username");
    AuthErrors.require(command.password(), "password");
    String name = command.username().strip().toLowerCase(Locale.ROOT);
    String ip = command.clientIp();
    if (throttle.captchaRequired(name, ip)) {
      if (!command.hasCaptcha()) {
        LOG.info(
            "event=login_refused reason=captcha_required nameId={} clientIp={}",
            LogIds.name(name),
            ip);
        throw AuthErrors.captchaRequired();
      }
      if (!captchas.verify(command.captchaId(), command.captchaAnswer())) {
        LOG.info(
            "event=login_refused reason=captcha_invalid nameId={} clientIp={}",
            LogIds.name(name),
            ip);
        throw AuthErrors.captchaInvalid();
      }
    }
    Optional<Credential> credential = credentials.findByUsername(name);
    Optional<CredentialChecker.Failure> failure = checker.check(credential, command.password());
    if (failure.isPresent()) {
      throttle.failed(name, ip);
      String who =
          credential
              .map(c -> "userId=" + c.userId())
              .orElseGet(() -> "nameId=" + LogIds.name(name));
      LOG.info(
          "event=login_failed reason={} {} clientIp={}",
          failure.get().name().toLowerCase(Locale.ROOT),
          who,
          ip);
      throw AuthErrors.invalidCredentials();
    }
    throttle.succeeded(name);
    Credential checked = credential.get();
    String userId = checked.userId();
    if (!users.exists(userId)) {
      removal.userDeleted(userId);
      LOG.warn("event=login_failed reason=user_gone userId={} clientIp={}", userId, ip);
      throw AuthErrors.invalidCredentials();
    }
    Optional<Tokens> tokens = opener.open(checked);
    if (tokens.isEmpty()) {
      LOG.info("event=login_failed reason=credential_changed userId={} clientIp={}", userId, ip);
      throw AuthErrors.invalidCredentials();
    }
    LOG.info(
        "event=login userId={} sessionId={} clientIp={}", userId, tokens.get().sessionId(), ip);
    return tokens.get();
  }
}
