package vent.provider.auth.domain;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Deletes an account after its password is confirmed again. Only the user is deleted here, through
 * the user service, whose UserDeleted event drives the rest ({@link AccountRemoval} here, the
 * follow graph in the relation provider): one write decides, so a crash half-way cannot leave an
 * account without a profile or a profile without its cleanup.
 */
public final class DeleteAccountUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(DeleteAccountUseCase.class);

  private final CredentialRepository credentials;
  private final CredentialChecker checker;
  private final UserDirectory users;

  public DeleteAccountUseCase(CredentialRepository credentials, CredentialChecker checker, UserDirectory users) {
    this.credentials = credentials;
    this.checker = checker;
    this.users = users;
  }

  /**
   * @throws VentException INVALID_ARGUMENT MISSING_FIELD (user_id or password empty);
   *     UNAUTHENTICATED INVALID_CREDENTIALS (no such account, or wrong password); UNAVAILABLE
   *     when the user service cannot be reached (nothing is deleted then)
   */
  public void delete(String userId, String password) {
    AuthErrors.require(userId, "user_id");
    AuthErrors.require(password, "password");
    Optional<Credential> credential = credentials.findByUserId(userId);
    Optional<CredentialChecker.Failure> failure = checker.check(credential, password);
    if (failure.isPresent()) {
      LOG.info("event=account_delete_failed reason={} userId={}", failure.get().name().toLowerCase(Locale.ROOT), userId);
      throw AuthErrors.invalidCredentials();
    }
    users.delete(userId);
    LOG.info("event=account_deleted userId={}", userId);
  }
}
