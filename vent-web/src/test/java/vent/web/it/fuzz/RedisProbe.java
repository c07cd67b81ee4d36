package vent.web.it.fuzz;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import vent.web.it.Stack;

/**
 * A few read-only Redis commands over RESP on a plain socket, for checking that hostile requests
 * changed no data. The test stack's Redis has the default user off: each connection first
 * authenticates as the ACL user given (by default the launcher's admin user, which may list keys).
 */
public final class RedisProbe {

  private final int port;
  private final String user;
  private final String password;

  /**
   * @param stack the test stack whose Redis (on 127.0.0.1) to read, as its generated admin user
   */
  public RedisProbe(Stack stack) {
    this(stack.settings().redisPort(), "vent-admin", stack.secret("REDIS_PASSWORD_admin"));
  }

  /**
   * @param port a Redis port on 127.0.0.1
   * @param user the ACL user to authenticate as
   * @param password its password
   */
  public RedisProbe(int port, String user, String password) {
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /**
   * Runs one command as this probe's user.
   *
   * @return the reply: a Long, a String, null, or a List of those
   * @throws IllegalStateException with Redis's error (e.g. {@code NOPERM ...}) when it refuses
   */
  public Object call(String... args) {
    return command(args);
  }

  /** DBSIZE: how many keys the database holds. */
  public long dbSize() {
    return (Long) command("DBSIZE");
  }

  /** KEYS pattern: the matching key names (fine on a test database of a few thousand keys). */
  @SuppressWarnings("unchecked")
  public List<String> keys(String pattern) {
    return (List<String>) command("KEYS", pattern);
  }

  private Object command(String... args) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
      out.write(encode("AUTH", user, password));
      out.flush();
      read(in);
      out.write(encode(args));
      out.flush();
      return read(in);
    } catch (IOException e) {
      throw new IllegalStateException("Redis on 127.0.0.1:" + port + ": " + e, e);
    }
  }

  private static byte[] encode(String... args) {
    StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
    }
    return request.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case ':':
        return Long.parseLong(line);
      case '+':
        return line;
      case '-':
        throw new IllegalStateException("Redis error: " + line);
      case '$':
        {
          int n = Integer.parseInt(line);
          if (n < 0) {
            return null;
          }
          byte[] bytes = in.readNBytes(n + 2);
          return new String(bytes, 0, n, StandardCharsets.UTF_8);
        }
      case '*':
        {
          int n = Integer.parseInt(line);
          List<Object> items = new ArrayList<>(Math.max(n, 0));
          for (int i = 0; i < n; i++) {
            items.add(read(in));
          }
          return items;
        }
      default:
        throw new IllegalStateException("unexpected RESP type " + type);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\r'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      sb.append((char) c);
    }
    in.read();
    return sb.toString();
  }
}
