package vent.provider.auth.domain;

/**
 * A login attempt.
 *
 * @param username case-insensitive
 * @param password as typed
 * @param clientIp the caller's address as the REST front saw it; empty when unknown (then only the
 *     username's failures count towards the captcha requirement)
 * @param captchaId id of a captcha from the captcha service; empty unless {@link LoginThrottle}
 *     asks for one
 * @param captchaAnswer the text the user read from the captcha image; empty with no captcha
 */
public record LoginCommand(
    String username, String password, String clientIp, String captchaId, String captchaAnswer) {

  public LoginCommand {
    clientIp = clientIp == null ? "" : clientIp;
    captchaId = captchaId == null ? "" : captchaId;
    captchaAnswer = captchaAnswer == null ? "" : captchaAnswer;
  }

  /**
   * @return whether both captcha fields are filled in
   */
  public boolean hasCaptcha() {
    return !captchaId.isBlank() && !captchaAnswer.isBlank();
  }

  /** Never prints the password or the captcha answer. */
  @Override
  public String toString() {
    return "LoginCommand[username="
        + username
        + ", clientIp="
        + clientIp
        + ", captchaId="
        + captchaId
        + "]";
  }
}
