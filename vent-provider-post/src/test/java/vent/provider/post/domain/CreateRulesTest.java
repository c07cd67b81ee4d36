package vent.provider.post.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.post.Failures.assertReason;

import dev.vent.api.rules.VentIds;
import org.junit.jupiter.api.Test;

class CreateRulesTest {

  @Test
  void expiryIsZeroOrOneHourToThirtyDays() {
    assertThat(Expiry.expiresAt(1000, 0)).isZero();
    assertThat(Expiry.expiresAt(1000, 3600)).isEqualTo(1000 + 3_600_000L);
    assertThat(Expiry.expiresAt(1000, 2_592_000)).isEqualTo(1000 + 2_592_000_000L);
    for (int bad : new int[] {-1, 1, 3599, 2_592_001}) {
      assertReason("INVALID_EXPIRY", () -> Expiry.expiresAt(1000, bad));
    }
  }

  @Test
  void ventIdsCarryTheirAuthorAndMatchTheFormat() {
    String id = Ids.newVentId("42", () -> -1L);
    assertThat(id).isEqualTo("42-3w5e11264sgsf");
    assertThat(Ids.requireVent(id)).isEqualTo(id);
    assertThat(VentIds.authorOf(id)).isEqualTo("42");
    assertThat(Ids.newVentId("42", () -> 0L)).isEqualTo("42-0");
    for (String bad : new String[] {"", "42", "42-", "042-a", "42-A", "42-abc-d"}) {
      assertReason("INVALID_VENT_ID", () -> Ids.requireVent(bad));
    }
  }

  @Test
  void limitsAreOneToOneHundredWithTwentyByDefault() {
    assertThat(PageLimit.resolve(0)).isEqualTo(20);
    assertThat(PageLimit.resolve(100)).isEqualTo(100);
    assertReason("INVALID_LIMIT", () -> PageLimit.resolve(101));
    assertReason("INVALID_LIMIT", () -> PageLimit.resolve(-1));
  }
}
