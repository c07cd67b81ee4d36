package vent.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotsTest {

  @Test
  void slotsAreThoseOfTheRedisClusterSpecification() {
    // CRC16/XMODEM check value of "123456789" is 0x31C3 (Redis Cluster specification, appendix).
    assertThat(Slots.slot("123456789")).isEqualTo(0x31C3);
    // Values redis-server 7.0 answers to CLUSTER KEYSLOT.
    assertThat(Slots.slot("foo")).isEqualTo(12182);
    assertThat(Slots.slot("bar")).isEqualTo(5061);
  }

  @Test
  void onlyTheHashTagDecidesTheSlot() {
    assertThat(Slots.slot("vent:relation:{42}:following")).isEqualTo(Slots.slot("42"));
    assertThat(Slots.slot("vent:notification:{42}:inbox")).isEqualTo(Slots.slot("42"));
    // An empty tag is no tag: the whole key is hashed, as Redis does.
    assertThat(Slots.slot("{}x")).isNotEqualTo(Slots.slot("x"));
    // Only the first {...} counts.
    assertThat(Slots.slot("{a}{b}")).isEqualTo(Slots.slot("a"));
  }

  @Test
  void everySlotHasAShortTagOfItsOwn() {
    Set<String> tags = new HashSet<>();
    for (int slot = 0; slot < Slots.COUNT; slot++) {
      String tag = Slots.tagOf(slot);
      assertThat(Slots.slot(tag)).as("slot of tag %s", tag).isEqualTo(slot);
      assertThat(tag).matches("[0-9a-z]{1,4}");
      tags.add(tag);
    }
    assertThat(tags).hasSize(Slots.COUNT);
  }
}
