package vent.common.config.global;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.common.config.RegistrySettings;
import vent.common.testing.ConsulAgent;
import vent.common.testing.Eventually;

/**
 * The global configuration against a real Consul agent: what an operator puts into or deletes from
 * KV reaches a running process through {@link GlobalConfigWatch}, layered per-app > global > local;
 * invalid values and start-up keys are not applied.
 */
class GlobalConfigWatchIT {

  private static final String APP = "vent-it-config";
  private static final Duration WITHIN = Duration.ofSeconds(3);
  private static final GlobalConfigSettings SETTINGS = new GlobalConfigSettings();
  private static ConsulAgent consul;

  static {
    SETTINGS.kvPrefix = "test/config";
  }

  @BeforeAll
  static void agent() {
    consul = ConsulAgent.shared();
    consul.delete("/v1/kv/test/config?recurse");
  }

  @AfterAll
  static void clean() {
    consul.delete("/v1/kv/test/config?recurse");
  }

  @Test
  void layersFollowConsulWithoutRestart() throws InterruptedException {
    consul.put("/v1/kv/test/config/global/auth.bcrypt-cost", "11");
    try (GlobalConfigWatch watch = GlobalConfigWatch.start(APP, SETTINGS, consul.registry())) {
      Live<Integer> ttl = watch.config().bind(ConfigKeys.CAPTCHA_TTL_SECONDS, 77);
      Live<Integer> cost = watch.config().bind(ConfigKeys.BCRYPT_COST, 10);
      assertThat(ttl.get()).isEqualTo(77);
      assertThat(cost.get()).as("a start-up key takes Consul's value at start").isEqualTo(11);

      timed(
          "global value applied",
          () -> {
            consul.put("/v1/kv/test/config/global/captcha.ttl-seconds", "60");
            Eventually.until("global 60", WITHIN, () -> ttl.get() == 60);
          });
      timed(
          "per-app value overrides",
          () -> {
            consul.put("/v1/kv/test/config/" + APP + "/captcha.ttl-seconds", "30");
            Eventually.until("per-app 30", WITHIN, () -> ttl.get() == 30);
          });
      timed(
          "per-app deleted, back to global",
          () -> {
            consul.delete("/v1/kv/test/config/" + APP + "/captcha.ttl-seconds");
            Eventually.until("global 60 again", WITHIN, () -> ttl.get() == 60);
          });
      timed(
          "per-app folder deleted recursively, back to global",
          () -> {
            consul.put("/v1/kv/test/config/" + APP + "/captcha.ttl-seconds", "31");
            Eventually.until("per-app 31", WITHIN, () -> ttl.get() == 31);
            consul.delete("/v1/kv/test/config/" + APP + "?recurse");
            Eventually.until("global 60 after the folder's delete", WITHIN, () -> ttl.get() == 60);
          });
      timed(
          "global deleted, back to local",
          () -> {
            consul.delete("/v1/kv/test/config/global/captcha.ttl-seconds");
            Eventually.until("local 77", WITHIN, () -> ttl.get() == 77);
          });

      consul.put("/v1/kv/test/config/global/captcha.ttl-seconds", "not-a-number");
      consul.put("/v1/kv/test/config/global/auth.bcrypt-cost", "12");
      // A marker written after both: once it is applied, the two writes above have been seen.
      Live<Integer> length = watch.config().bind(ConfigKeys.CAPTCHA_LENGTH, 5);
      consul.put("/v1/kv/test/config/global/captcha.length", "6");
      Eventually.until("marker applied", WITHIN, () -> length.get() == 6);
      assertThat(ttl.get()).as("an invalid value keeps the value in force").isEqualTo(77);
      assertThat(cost.get()).as("a start-up key is not changed while running").isEqualTo(11);
    }
  }

  @Test
  void consulDownAtStartMeansLocalValuesAtOnce() throws Exception {
    RegistrySettings nowhere = new RegistrySettings();
    try (ServerSocket closed = new ServerSocket(0)) {
      nowhere.port = closed.getLocalPort();
    }
    long t0 = System.nanoTime();
    try (GlobalConfigWatch watch = GlobalConfigWatch.start(APP, SETTINGS, nowhere)) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(watch.config().bind(ConfigKeys.CAPTCHA_TTL_SECONDS, 77).get()).isEqualTo(77);
      assertThat(ms).as("start-up is not held up").isLessThan(5_000);
      System.out.printf("GlobalConfigWatchIT: started without Consul in %d ms%n", ms);
    }
  }

  private interface Step {
    void run() throws InterruptedException;
  }

  private static void timed(String what, Step step) throws InterruptedException {
    long t0 = System.nanoTime();
    step.run();
    System.out.printf(
        "GlobalConfigWatchIT: %s after %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
  }
}
