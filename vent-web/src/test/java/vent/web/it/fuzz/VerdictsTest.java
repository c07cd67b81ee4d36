package vent.web.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fuzz verdicts can fail: what a broken token check would answer is judged wrong. */
class VerdictsTest {

  private static FuzzRequest forged() {
    return new FuzzRequest(
        "GET /me", "GET", "/me", null, null, "Bearer e30.e30.", null, "forged token", true);
  }

  private static Outcome answer(int status, String body) {
    return new Outcome(
        status, status >= 400 ? "application/problem+json" : "application/json", body, null);
  }

  private static String problem(int status, String code) {
    return "{\"type\":\"urn:vent:problem:x\",\"title\":\"t\",\"status\":"
        + status
        + ",\"detail\":\"d\",\"code\":\""
        + code
        + "\"}";
  }

  @Test
  void aForgedTokenThatGetsInIsAFailure() {
    Verdicts verdicts = new Verdicts();
    verdicts.judge(forged(), answer(200, "{\"id\":\"1\"}"));
    verdicts.judge(forged(), answer(404, problem(404, "USER_NOT_FOUND")));
    verdicts.judge(forged(), answer(401, problem(401, "INVALID_CREDENTIALS")));
    verdicts.judge(forged(), answer(400, problem(400, "VALIDATION_FAILED")));
    verdicts.judge(forged(), answer(204, ""));
    assertThat(verdicts.failureCount()).isEqualTo(5);
  }

  @Test
  void aForgedTokenRefusedWith401OrBeforeAuthenticationPasses() {
    Verdicts verdicts = new Verdicts();
    verdicts.judge(forged(), answer(401, problem(401, "TOKEN_INVALID")));
    verdicts.judge(forged(), answer(401, problem(401, "UNAUTHENTICATED")));
    verdicts.judge(forged(), answer(415, problem(415, "UNSUPPORTED_MEDIA_TYPE")));
    verdicts.judge(forged(), answer(429, problem(429, "RATE_LIMITED")));
    verdicts.judge(forged(), answer(400, problem(400, "BAD_REQUEST")));
    assertThat(verdicts.failures()).isEmpty();
  }
}
