package vent.web.it.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request line over a plain socket, for messages no HTTP client library will build (a NUL
 * escape, a 10,000-character path), and reports whether the server kept the connection open.
 */
public final class RawHttp {

  private RawHttp() {}

  /**
   * What came back: the status line, the response head, and whether a second request on the same
   * connection got an answer.
   */
  public record Answer(String statusLine, String head, boolean connectionReusable) {}

  /**
   * @param port vent-web's HTTP port on 127.0.0.1
   * @param target the request target, sent as is, e.g. {@code /api/v1/users/%00}
   */
  public static Answer get(int port, String target) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      send(socket, target);
      String head = readResponse(socket.getInputStream());
      String statusLine = head.lines().findFirst().orElse("");
      boolean reusable;
      try {
        send(socket, "/api/v1/users/1");
        reusable = !readResponse(socket.getInputStream()).isEmpty();
      } catch (IOException closed) {
        reusable = false;
      }
      return new Answer(statusLine, head, reusable);
    } catch (IOException e) {
      throw new IllegalStateException("GET " + target + ": " + e, e);
    }
  }

  private static void send(Socket socket, String target) throws IOException {
    socket
        .getOutputStream()
        .write(
            ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /**
   * Reads one response (head, then a Content-Length body); returns the head, empty at end of
   * stream.
   */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        return head.toString();
      }
      head.append((char) c);
    }
    int length =
        head.toString()
            .lines()
            .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
            .map(l -> Integer.parseInt(l.substring(15).strip()))
            .findFirst()
            .orElse(0);
    in.readNBytes(length);
    return head.toString();
  }
}
