package vent.web.it.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One hostile request, described completely so that a failure report can replay it.
 *
 * @param endpoint the contract route it targets, e.g. {@code GET /users/{id}} (for the summary)
 * @param method HTTP method
 * @param target path and query below the API base, already percent-encoded where needed, e.g.
 *     {@code /users/abc?limit=-1}; sent as is
 * @param body request body bytes, or null for none
 * @param contentType Content-Type header, or null for none
 * @param authorization the whole Authorization header value, or null for none
 * @param accept the Accept header value, or null for the client's default
 * @param what what is hostile about it, e.g. {@code limit=-5}
 * @param credentialRefused the route needs a bearer token and the request carries no valid one (a
 *     forged, tampered or missing token, or one in the query): it must be answered 401 unless it is
 *     refused before authentication ({@link Verdicts})
 */
public record FuzzRequest(
    String endpoint,
    String method,
    String target,
    byte[] body,
    String contentType,
    String authorization,
    String accept,
    String what,
    boolean credentialRefused) {

  /**
   * A short printable form for failure reports: method, target, headers and the first 300 body
   * characters.
   */
  public String describe() {
    String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    if (shown.length() > 300) {
      shown = shown.substring(0, 300) + "...(" + body.length + " bytes)";
    }
    return method
        + " "
        + target
        + " ["
        + what
        + "] ct="
        + contentType
        + " auth="
        + (authorization == null ? null : abbreviate(authorization))
        + " accept="
        + accept
        + (credentialRefused ? " (no valid token: 401 expected)" : "")
        + " body="
        + shown;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
