package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vent.stack.LiveTree;
import vent.web.it.Accounts.Account;
import vent.web.it.fuzz.RedisProbe;

/**
 * No log of any process of the shared stack, no output of the launcher and no file of the state dir
 * that is not a credential store holds a secret: passwords (right, wrong and new), captcha answers,
 * issued and refreshed tokens, the private signing key, and every credential the launcher
 * generated. The test makes the traffic it checks itself (a journey through every secret, with the
 * providers' access logs on, and a launcher command); whatever other classes ran before it in the
 * same stack is checked too.
 */
@SharedStack
class LogSecretsIT {

  /**
   * State dir entries that hold credentials or data by design; owner-only (SecretsAtRestIT).
   * prometheus.yml holds the processes' Consul token; Prometheus's data (prometheus/) holds none
   * and is checked.
   */
  private static final List<String> CREDENTIAL_STORES =
      List.of(
          "secrets.env",
          "run/stack.env",
          "consul.json",
          "redis.conf",
          "redis",
          "consul",
          "prometheus.yml");

  private static final String WRONG_PASSWORD = "wrong horse battery 7c1e";
  private static final String NEW_PASSWORD = "new horse battery 4b9d";

  @Test
  void noSecretInAnyLogLauncherOutputOrStateFile(Stack stack)
      throws IOException, InterruptedException {
    Map<String, String> secrets = new LinkedHashMap<>();
    journeyWithEverySecret(stack, secrets);
    // Launcher output made now, while every generated credential exists (checked below).
    stack.vent(Duration.ofSeconds(60), "status");
    secrets.put("test password", Accounts.PASSWORD);
    secrets.put("captcha answer", Stack.CAPTCHA_ANSWER);
    int i = 0;
    for (String token : Accounts.ISSUED_TOKENS) {
      secrets.put("issued token " + i++, token);
    }
    secrets.put("private signing key d", signingKeyD(stack));
    // The accessor id names the processes' Consul token and may be shown; its SecretID may not.
    stack
        .secrets()
        .forEach(
            (name, value) -> {
              if (!name.endsWith("_ACCESSOR")) {
                secrets.put("generated " + name, value);
              }
            });
    assertThat(secrets)
        .containsKeys(
            "generated CONSUL_MASTER_TOKEN",
            "generated CONSUL_VENT_TOKEN",
            "generated REDIS_PASSWORD_web",
            "generated REDIS_PASSWORD_auth",
            "generated CALLER_SECRET_web");
    // Processes flush their logs asynchronously; a refusal or a login logged just now must be in.
    Thread.sleep(1000);

    Path state = stack.state();
    List<Path> files =
        LiveTree.paths(state).stream()
            .filter(Files::isRegularFile)
            .filter(f -> !credentialStore(state, f))
            .toList();
    assertThat(files)
        .as("non-secret files of the state dir")
        .anyMatch(f -> f.toString().endsWith("logs/web.log"))
        .anyMatch(f -> f.toString().endsWith("logs/auth-1.log"))
        .hasSizeGreaterThan(5);
    assertThat(Stack.LAUNCHER_OUTPUT).as("launcher output of the run").isNotEmpty();

    List<String> found = new ArrayList<>();
    long lines = 0;
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.ISO_8859_1);
      } catch (NoSuchFileException replaced) {
        continue; // a temporary file renamed over since the walk: its final name is read
      }
      lines += text.lines().count();
      scan(state.relativize(file).toString(), text, secrets, found);
    }
    int n = 0;
    for (String output : Stack.LAUNCHER_OUTPUT) {
      lines += output.lines().count();
      scan("launcher output " + n++, output, secrets, found);
    }
    System.out.printf(
        "event=log_secrets_checked files=%d launcher_outputs=%d lines=%d secrets=%d%n",
        files.size(), Stack.LAUNCHER_OUTPUT.size(), lines, secrets.size());
    assertThat(found).as("secrets found (where: which)").isEmpty();
    // A started stack alone logs several hundred lines; fewer means the scan missed the logs.
    assertThat(lines).as("lines scanned").isGreaterThan(500);
  }

  /**
   * Register, log in with a wrong password, refresh, change the password, log out: every secret
   * this creates goes into {@code secrets}, after vent-web and the providers have handled it.
   */
  private static void journeyWithEverySecret(Stack stack, Map<String, String> secrets) {
    Rest rest = new Rest(stack.api());
    Account account = Accounts.register(rest, Accounts.uniqueName("secrets"));
    Rest.Response wrong =
        rest.post(
            "/sessions",
            Rest.obj("username", account.username(), "password", WRONG_PASSWORD),
            null);
    assertThat(wrong.status()).as(wrong.raw()).isEqualTo(401);
    secrets.put("wrong password", WRONG_PASSWORD);
    Rest.Response refreshed =
        rest.post("/sessions/refresh", Rest.obj("refreshToken", account.refreshToken()), null);
    assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);
    secrets.put("refreshed access token", refreshed.json().get("accessToken").asText());
    secrets.put("refreshed refresh token", refreshed.json().get("refreshToken").asText());
    Rest.Response changed =
        rest.send(
            "PUT",
            "/me/password",
            Rest.obj("currentPassword", Accounts.PASSWORD, "newPassword", NEW_PASSWORD).toString(),
            "application/json",
            refreshed.json().get("accessToken").asText());
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    secrets.put("new password", NEW_PASSWORD);
    secrets.put(
        "access token after the password change", changed.json().get("accessToken").asText());
    secrets.put(
        "refresh token after the password change", changed.json().get("refreshToken").asText());
    assertThat(rest.delete("/sessions", changed.json().get("accessToken").asText()).status())
        .isEqualTo(204);
  }

  /** The private part of the current signing key, read from Redis as the auth provider reads it. */
  private static String signingKeyD(Stack stack) {
    RedisProbe asAuth =
        new RedisProbe(
            stack.settings().redisPort(), "vent-auth", stack.secret("REDIS_PASSWORD_auth"));
    Object current = asAuth.call("GET", "vent:auth:{jwk}:current");
    Object jwk = asAuth.call("HGET", "vent:auth:{jwk}:jwks", String.valueOf(current));
    try {
      JsonNode d = Rest.JSON.readTree(String.valueOf(jwk)).get("d");
      assertThat(d).as("private JWK of %s", current).isNotNull();
      return d.asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean credentialStore(Path state, Path file) {
    String relative = state.relativize(file).toString();
    return CREDENTIAL_STORES.stream()
        .anyMatch(s -> relative.equals(s) || relative.startsWith(s + "/"));
  }

  private static void scan(
      String where, String text, Map<String, String> secrets, List<String> found) {
    secrets.forEach(
        (name, value) -> {
          if (text.contains(value)) {
            found.add(where + ": " + name);
          }
        });
  }
}
