package vent.provider.auth.domain;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Registers a user: checks the input and the captcha, creates the user through the user service,
 * stores the password hash and opens a session.
 *
 * <p>The user service and this service's Redis cannot share a transaction, so a failure after the
 * user's creation is compensated: the credential and any session are removed and the user is
 * deleted again, then the original failure is rethrown. A credential therefore never exists without
 * its user, nor a user created here without a credential (unless the compensation itself fails,
 * which is logged as {@code event=register_compensation_failed}).
 */
public final class RegisterUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(RegisterUseCase.class);

  private final CaptchaVerifier captchas;
  private final UserDirectory users;
  private final PasswordHasher hasher;
  private final CredentialRepository credentials;
  private final SessionOpener opener;
  private final Clock clock;

  public RegisterUseCase(
      CaptchaVerifier captchas,
      UserDirectory users,
      PasswordHasher hasher,
      CredentialRepository credentials,
      SessionOpener opener) {
    this.captchas = captchas;
    this.users = users;
    this.hasher = hasher;
    this.credentials = credentials;
    this.opener = opener;
    this.clock = opener.clock();
  }

  /**
   * @throws VentException INVALID_ARGUMENT MISSING_FIELD (username, display_name, captcha_id,
   *     captcha_answer empty), INVALID_PASSWORD (not 8..72 bytes), CAPTCHA_INVALID; the user
   *     service's INVALID_USERNAME / INVALID_DISPLAY_NAME (INVALID_ARGUMENT) and USERNAME_TAKEN
   *     (ALREADY_EXISTS) unchanged; UNAVAILABLE when a dependency is down
   */
  public Registration register(RegisterCommand cmd) {
    AuthErrors.require(cmd.username(), "username");
    AuthErrors.require(cmd.displayName(), "display_name");
    PasswordPolicy.check(cmd.password());
    AuthErrors.require(cmd.captchaId(), "captcha_id");
    AuthErrors.require(cmd.captchaAnswer(), "captcha_answer");
    if (!captchas.verify(cmd.captchaId(), cmd.captchaAnswer())) {
      LOG.info(
          "event=register_failed reason=captcha_invalid nameId={}", LogIds.name(cmd.username()));
      throw AuthErrors.captchaInvalid();
    }
    // Hashing before the user exists keeps bcrypt's ~100 ms out of the compensation window.
    String hash = hasher.hash(cmd.password());
    UserProfile user = users.create(cmd.username(), cmd.displayName());
    try {
      Credential credential = new Credential(user.id(), user.username(), hash, clock.millis());
      credentials.create(credential);
      // Empty only if the new account was deleted or its password changed within these few ms.
      Tokens tokens = opener.open(credential).orElseThrow(AuthErrors::invalidCredentials);
      LOG.info(
          "event=user_registered userId={} username={} sessionId={}",
          user.id(),
          user.username(),
          tokens.sessionId());
      return new Registration(user, tokens);
    } catch (RuntimeException e) {
      compensate(user, e);
      throw e;
    }
  }

  /**
   * Every step is idempotent and attempted even if an earlier one fails: a write that timed out may
   * still have happened, and deleting the user matters most.
   */
  private void compensate(UserProfile user, RuntimeException cause) {
    boolean clean = true;
    try {
      opener.sessions().endAll(user.id());
      credentials.delete(user.id());
    } catch (RuntimeException e) {
      clean = false;
      cause.addSuppressed(e);
    }
    try {
      users.delete(user.id());
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      LOG.error(
          "event=register_compensation_failed userId={} username={} cause={} error={}",
          user.id(),
          user.username(),
          describe(cause),
          describe(e));
      return;
    }
    LOG.warn(
        "event=register_compensated userId={} username={} cause={} redisCleanup={}",
        user.id(),
        user.username(),
        describe(cause),
        clean ? "ok" : "failed");
  }

  private static String describe(RuntimeException e) {
    return e instanceof VentException ve
        ? ve.kind() + "/" + ve.reason()
        : e.getClass().getSimpleName();
  }
}
