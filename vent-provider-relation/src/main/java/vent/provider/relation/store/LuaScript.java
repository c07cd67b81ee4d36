package vent.provider.relation.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import vent.common.events.EventScripts;

/** A Lua script bundled next to this class ({@code <name>.lua}), read once. */
record LuaScript(String name, String source) {

  /** A script that may call {@code publish(...)} of {@link EventScripts#PUBLISH}. */
  static LuaScript loadPublishing(String name) {
    LuaScript script = load(name);
    return new LuaScript(name, EventScripts.PUBLISH + script.source());
  }

  static LuaScript load(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("missing script " + name + ".lua");
      }
      return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
