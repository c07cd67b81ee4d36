package vent.provider.auth.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What auth does once a user is deleted (on their UserDeleted event): ends every session, so no
 * refresh token works any more, and removes the credential, so the password no longer logs in and
 * the username is free for a new account. Idempotent, so a redelivered event is harmless.
 */
public final class AccountRemoval {

  private static final Logger LOG = LoggerFactory.getLogger(AccountRemoval.class);

  private final CredentialRepository credentials;
  private final SessionRepository sessions;

  public AccountRemoval(CredentialRepository credentials, SessionRepository sessions) {
    this.credentials = credentials;
    this.sessions = sessions;
  }

  /**
   * @param userId the deleted user
   */
  public void userDeleted(String userId) {
    // Credential first: a login racing with this can then not store a session after endAll (the
    // session open checks the credential in the same script).
    credentials.delete(userId);
    int ended = sessions.endAll(userId);
    LOG.info("event=account_removed userId={} sessionsEnded={}", userId, ended);
  }
}
