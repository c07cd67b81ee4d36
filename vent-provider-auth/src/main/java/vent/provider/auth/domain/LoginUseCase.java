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

  public LoginUseCase(CredentialRepository credentials, CredentialChecker checker, SessionOpener opener) {
    this.credentials = credentials;
    this.checker = checker;
    this.opener = opener;
  }

  /**
   * @param username case-insensitive
   * @param clientIp the caller's address as the REST front saw it, for the log only; may be empty
   * @throws VentException INVALID_ARGUMENT MISSING_FIELD (username or password empty),
   *     UNAUTHENTICATED INVALID_CREDENTIALS (unknown user or wrong password, never says which;
   *     both take one bcrypt verification)
   */
  public Tokens login(String username, String password, String clientIp) {
    AuthErrors.require(username, "username");
    AuthErrors.require(password, "password");
    String name = username.strip().toLowerCase(Locale.ROOT);
    Optional<Credential> credential = credentials.findByUsername(name);
    Optional<CredentialChecker.Failure> failure = checker.check(credential, password);
    if (failure.isPresent()) {
      LOG.info("event=login_failed reason={} username={} clientIp={}",
          failure.get().name().toLowerCase(Locale.ROOT), name, clientIp);
      throw AuthErrors.invalidCredentials();
    }
    String userId = credential.get().userId();
    Tokens tokens = opener.open(userId);
    LOG.info("event=login userId={} sessionId={} clientIp={}", userId, tokens.sessionId(), clientIp);
    return tokens;
  }
}
