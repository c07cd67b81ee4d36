package vent.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LuaScriptsTest {

  @Test
  void loadsAFileBelowLua() {
    assertThat(LuaScripts.load("testing/incr.lua")).contains("return redis.call('INCR', KEYS[1])");
  }

  @Test
  void concatenatesInTheGivenOrder() {
    String publish = LuaScripts.load("events/publish.lua");
    String incr = LuaScripts.load("testing/incr.lua");

    assertThat(LuaScripts.load("events/publish.lua", "testing/incr.lua")).isEqualTo(publish + incr);
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> LuaScripts.load("nowhere/none.lua"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lua/nowhere/none.lua");
  }
}
