package vent.provider.auth.domain;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/** Logs a user in with username and password and opens a session. */
public final class LoginUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(LoginUseCase.class);

  private final CredentialRepository credentials;
  private final CredentialChecker checker;
  private final SessionOpener opener;
  private final LoginThrottle throttle;
  private final CaptchaVerifier captchas;

  public LoginUseCase(CredentialRepository credentials, CredentialChecker checker, SessionOpener opener,
      LoginThrottle throttle, CaptchaVerifier captchas) {
    this.credentials = credentials;
    this.checker = checker;
    this.opener = opener;
    this.throttle = throttle;
    this.captchas = captchas;
  }

  /** A login without a captcha, see {@link #login(LoginCommand)}. */
  public Tokens login(String username, String password, String clientIp) {
    return login(new LoginCommand(username, password, clientIp, "", ""));
  }

  /**
   * Checks the captcha when {@link LoginThrottle} asks for one (spending it), then the password.
   * A captcha sent while none is required is ignored and stays unspent.
   *
   * @throws VentException INVALID_ARGUMENT MISSING_FIELD (username or password empty);
   *     FAILED_PRECONDITION CAPTCHA_REQUIRED (too many recent failures for the username or the
   *     client IP and no captcha sent; the password was not checked); INVALID_ARGUMENT
   *     CAPTCHA_INVALID (captcha required and wrong, expired or spent);
   *     UNAUTHENTICATED INVALID_CREDENTIALS (unknown user or wrong password, never says which;
   *     both take one bcrypt verification); UNAVAILABLE when the captcha service is down
   */
  public Tokens login(LoginCommand command) {
    AuthErrors.require(command.username(), "username");
    AuthErrors.require(command.password(), "password");
    String name = command.username().strip().toLowerCase(Locale.ROOT);
    String ip = command.clientIp();
    if (throttle.captchaRequired(name, ip)) {
      if (!command.hasCaptcha()) {
        LOG.info("event=login_refused reason=captcha_required username={} clientIp={}", name, ip);
        throw AuthErrors.captchaRequired();
      }
      if (!captchas.verify(command.captchaId(), command.captchaAnswer())) {
        LOG.info("event=login_refused reason=captcha_invalid username={} clientIp={}", name, ip);
        throw AuthErrors.captchaInvalid();
      }
    }
    Optional<Credential> credential = credentials.findByUsername(name);
    Optional<CredentialChecker.Failure> failure = checker.check(credential, command.password());
    if (failure.isPresent()) {
      throttle.failed(name, ip);
      LOG.info("event=login_failed reason={} username={} clientIp={}",
          failure.get().name().toLowerCase(Locale.ROOT), name, ip);
      throw AuthErrors.invalidCredentials();
    }
    throttle.succeeded(name);
    String userId = credential.get().userId();
    Tokens tokens = opener.open(userId);
    LOG.info("event=login userId={} sessionId={} clientIp={}", userId, tokens.sessionId(), ip);
    return tokens;
  }
}
