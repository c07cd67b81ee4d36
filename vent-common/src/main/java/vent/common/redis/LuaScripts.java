package vent.common.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way Vent's Java code gets its Redis Lua scripts: {@code .lua} files on the class path
 * under {@code lua/} (each module keeps its own under {@code src/main/resources/lua/<area>/}), read
 * once and cached.
 *
 * <p>A script that calls a function another file defines (e.g. {@code publish} of {@code
 * events/publish.lua}) is loaded with that file first: {@code load("events/publish.lua",
 * "user/create.lua")}.
 */
public final class LuaScripts {

  private static final String ROOT = "lua/";
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private LuaScripts() {}

  /**
   * @param paths one or more paths below {@code lua/}, e.g. {@code relation/page.lua}
   * @return the files' UTF-8 text, concatenated in the given order
   * @throws IllegalArgumentException no path given
   * @throws IllegalStateException a file is not on the class path (the message names it)
   * @throws UncheckedIOException a file cannot be read
   */
  public static String load(String... paths) {
    if (paths.length == 0) {
      throw new IllegalArgumentException("no script path given");
    }
    StringBuilder source = new StringBuilder();
    for (String path : paths) {
      source.append(CACHE.computeIfAbsent(path, LuaScripts::read));
    }
    return source.toString();
  }

  private static String read(String path) {
    String resource = ROOT + path;
    try (InputStream in = LuaScripts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing Lua script " + resource + " (not on the class path)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Lua script " + resource, e);
    }
  }
}
