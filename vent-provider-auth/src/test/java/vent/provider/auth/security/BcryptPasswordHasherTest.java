package vent.provider.auth.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BcryptPasswordHasherTest {

  private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(10);

  @Test
  void hashesInModularCryptFormatWithTheConfiguredCost() {
    String hash = hasher.hash("correct horse battery");

    assertThat(hash).hasSize(60).startsWith("$2b$10$");
    assertThat(hasher.hash("correct horse battery")).isNotEqualTo(hash);
    assertThat(hasher.verify("correct horse battery", hash)).isTrue();
    assertThat(hasher.verify("correct horse batterz", hash)).isFalse();
  }

  @Test
  void acceptsSeventyTwoBytes() {
    String max = "é".repeat(36);
    assertThat(hasher.verify(max, hasher.hash(max))).isTrue();
  }

  @Test
  void malformedHashIsAMismatchNotAnError() {
    assertThat(hasher.verify("whatever1", "not a bcrypt hash")).isFalse();
    assertThat(hasher.verify("whatever1", "")).isFalse();
  }

  @Test
  void refusesAnAbsurdCost() {
    assertThatThrownBy(() -> new BcryptPasswordHasher(3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BcryptPasswordHasher(32))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
