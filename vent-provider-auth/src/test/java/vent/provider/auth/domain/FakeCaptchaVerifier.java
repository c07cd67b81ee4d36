package vent.provider.auth.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory stand-in for the captcha service: one-shot, spent by any attempt. */
final class FakeCaptchaVerifier implements CaptchaVerifier {

  private final Map<String, String> answers = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();

  /**
   * @return the id of a new captcha whose answer is {@code answer}
   */
  String issue(String answer) {
    String id = "cap-" + (answers.size() + 1) + "-" + System.nanoTime();
    answers.put(id, answer);
    return id;
  }

  @Override
  public boolean verify(String captchaId, String answer) {
    calls.incrementAndGet();
    String expected = answers.remove(captchaId);
    return expected != null && expected.equalsIgnoreCase(answer);
  }
}
