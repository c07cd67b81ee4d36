package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * After the whole end-to-end run (every other IT ran before, with the providers' access logs
 * on), no log of any process holds a password, a captcha answer or an issued token.
 */
@Order(Integer.MAX_VALUE)
class LogSecretsIT {

  @Test
  void noPasswordTokenOrCaptchaAnswerInAnyLog() throws IOException {
    Path logs = Stack.shared().state().resolve("logs");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(logs)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).as("logs of the run").hasSizeGreaterThan(5);
    assertThat(Accounts.ISSUED_TOKENS).as("tokens issued during the run").isNotEmpty();
    List<String> secrets = new ArrayList<>(List.of(Accounts.PASSWORD, Stack.CAPTCHA_ANSWER));
    secrets.addAll(Accounts.ISSUED_TOKENS);
    long lines = 0;
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      lines += text.lines().count();
      for (String secret : secrets) {
        assertThat(text).as("%s must not contain a secret", file).doesNotContain(secret);
      }
    }
    System.out.printf("event=log_secrets_checked files=%d lines=%d secrets=%d%n", files.size(), lines, secrets.size());
    assertThat(lines).isGreaterThan(1000);
  }
}
