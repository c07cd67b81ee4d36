package vent.web.auth;

/** An access token failed verification; the message says why (for logs, not for clients). */
public final class TokenRejectedException extends Exception {

  TokenRejectedException(String why) {
    super(why, null, false, false);
  }
}
