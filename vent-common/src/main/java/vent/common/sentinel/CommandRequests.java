package vent.common.sentinel;

import com.alibaba.csp.sentinel.command.CommandRequest;
import com.alibaba.csp.sentinel.transport.util.HttpCommandUtils;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns an HTTP request to the command port into Sentinel's {@link CommandRequest}, the way
 * Sentinel's own simple-http transport does, so the dashboard's requests mean the same here:
 * the command is the path without its leading {@code /} ({@code /setRules} -> {@code setRules}),
 * parameters come from the query string and then from a form-encoded body (a body parameter
 * wins), each key and value is trimmed and URL-decoded once, and parameters with an empty key or
 * value are dropped.
 *
 * <p>Example, as the dashboard pushes flow rules: {@code POST /setRules} with
 * {@code Content-Type: application/x-www-form-urlencoded} and body
 * {@code type=flow&data=%5B%7B%22resource%22...%5D}.
 */
final class CommandRequests {

  private static final String FORM = "application/x-www-form-urlencoded";

  private CommandRequests() {}

  /**
   * @param method the HTTP method; GET and POST are accepted
   * @param rawPath the request path as sent (not decoded), e.g. {@code /getRules}
   * @param rawQuery the query string as sent, without {@code ?}; may be {@code null}
   * @param contentType the Content-Type header; may be {@code null}
   * @param body the request body; may be empty
   * @return the command request; its target is in the metadata ({@link HttpCommandUtils#getTarget})
   * @throws IllegalArgumentException with a one-line message fit for the response body, if the
   *     method, command, content type or encoding is not acceptable
   */
  static CommandRequest parse(String method, String rawPath, String rawQuery, String contentType, byte[] body) {
    boolean post = "POST".equalsIgnoreCase(method);
    if (!post && !"GET".equalsIgnoreCase(method)) {
      throw new IllegalArgumentException("only GET and POST are supported");
    }
    String target = rawPath == null ? "" : rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (target.isBlank()) {
      throw new IllegalArgumentException("Invalid command");
    }
    CommandRequest request = new CommandRequest();
    request.addMetadata(HttpCommandUtils.REQUEST_TARGET, target);
    addParams(rawQuery, request);
    if (post && body != null && body.length > 0) {
      if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains(FORM)) {
        throw new IllegalArgumentException("only form-encoded (" + FORM + ") bodies are supported");
      }
      request.setBody(body);
      addParams(new String(body, StandardCharsets.UTF_8), request);
    }
    return request;
  }

  private static void addParams(String encoded, CommandRequest request) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    int anchor = encoded.indexOf('#');
    String params = anchor >= 0 ? encoded.substring(0, anchor) : encoded;
    for (String pair : params.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq >= pair.length() - 1) {
        continue;
      }
      String key = decode(pair.substring(0, eq).trim());
      String value = decode(pair.substring(eq + 1).trim());
      if (!key.isBlank() && !value.isEmpty()) {
        request.addParam(key, value);
      }
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed URL encoding in parameters");
    }
  }
}
