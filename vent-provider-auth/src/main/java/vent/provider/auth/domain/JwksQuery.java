package vent.provider.auth.domain;

/** Publishes the public keys that verify access tokens. */
public final class JwksQuery {

  private final TokenIssuer issuer;

  public JwksQuery(TokenIssuer issuer) {
    this.issuer = issuer;
  }

  /**
   * @return JSON text of a JWK Set (RFC 7517 section 5) with public keys only
   */
  public String jwksJson() {
    return issuer.publicJwksJson();
  }
}
