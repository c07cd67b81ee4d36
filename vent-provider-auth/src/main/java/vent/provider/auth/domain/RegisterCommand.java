package vent.provider.auth.domain;

/**
 * A registration request.
 *
 * @param password 8..72 bytes in UTF-8
 * @param captchaId id of a captcha from the captcha service
 * @param captchaAnswer the text the user read from its image
 */
public record RegisterCommand(
    String username, String password, String displayName, String captchaId, String captchaAnswer) {

  /** Never prints the password or the captcha answer. */
  @Override
  public String toString() {
    return "RegisterCommand[username="
        + username
        + ", displayName="
        + displayName
        + ", captchaId="
        + captchaId
        + "]";
  }
}
