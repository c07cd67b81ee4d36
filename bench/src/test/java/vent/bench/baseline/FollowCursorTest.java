package vent.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vent.common.redis.LuaScripts;

/** The cursor is the relation provider's, and so is the script that resumes after it. */
class FollowCursorTest {

  @Test
  void encodesAsTheRelationProviderDoes() {
    // base64url("1700000000123:42"), unpadded: the provider's PageCursor for the same entry.
    assertThat(new FollowCursor(1_700_000_000_123L, "42").encode())
        .isEqualTo("MTcwMDAwMDAwMDEyMzo0Mg");
    assertThat(FollowCursor.decode("MTcwMDAwMDAwMDEyMzo0Mg"))
        .contains(new FollowCursor(1_700_000_000_123L, "42"));
  }

  @Test
  void rejectsWhatNoServerIssued() {
    assertThat(FollowCursor.decode("not base64!")).isEmpty();
    assertThat(FollowCursor.decode("MTIzOjA")).isEmpty(); // "123:0", not a user id
    assertThat(FollowCursor.decode("A".repeat(65))).isEmpty();
  }

  @Test
  void pageScriptIsTheRelationProviders() throws Exception {
    Path provider =
        Path.of(System.getProperty("basedir", "."))
            .resolve("../vent-provider-relation/src/main/resources/lua/relation/page.lua");

    assertThat(LuaScripts.load("relation/page.lua")).isEqualTo(Files.readString(provider));
  }
}
