package dev.vent.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"1", "10", "1042", "9999999999999999999"})
  void issuedIdsAreWellFormed(String id) {
    assertThat(UserIds.isWellFormed(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "0", "01", "-1", "+1", " 1", "1 ", "abc", "1e3", "١", "10000000000000000000"})
  void otherStringsAreNot(String id) {
    assertThat(UserIds.isWellFormed(id)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void nullIsNotAnId() {
    assertThat(UserIds.isWellFormed(null)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void idsCompareAsNumbers() {
    assertThat(UserIds.compareNumerically("9", "10")).isNegative();
    assertThat(UserIds.compareNumerically("12", "11")).isPositive();
    assertThat(UserIds.compareNumerically("12", "12")).isZero();
  }
}
