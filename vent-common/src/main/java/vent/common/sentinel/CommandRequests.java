package vent.common.sentinel;

import com.alibaba.csp.sentinel.command.CommandRequest;
import com.alibaba.csp.sentinel.transport.util.HttpCommandUtils;
import com.google.common.net.HostAndPort;
import com.google.common.net.InetAddresses;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns an HTTP request to the command port into Sentinel's {@link CommandRequest}, the way
 * Sentinel's own simple-http transport does, so the dashboard's requests mean the same here: the
 * command is the path without its leading {@code /} ({@code /setRules} -> {@code setRules}),
 * parameters come from the query string and then from a form-encoded body (a body parameter wins),
 * each key and value is trimmed and URL-decoded once, and parameters with an empty key or value are
 * dropped.
 *
 * <p>Example, as the dashboard pushes flow rules: {@code POST /setRules} with {@code Content-Type:
 * application/x-www-form-urlencoded} and body {@code type=flow&data=%5B%7B%22resource%22...%5D}.
 *
 * <p>Before parsing, {@link #refusal} keeps browsers out: a web page must not be able to change
 * rules through a port on the operator's loopback (cross-site requests, DNS rebinding).
 */
final class CommandRequests {

  private static final String FORM = "application/x-www-form-urlencoded";

  /**
   * The commands that only read, the ones GET may run (the Sentinel 1.8.9 dashboard sends these as
   * GET). Every other command, including ones unknown here, changes state and takes POST only.
   */
  static final Set<String> READS =
      Set.of(
          "api",
          "basicInfo",
          "version",
          "getSwitch",
          "systemStatus",
          "getRules",
          "getParamFlowRules",
          "jsonTree",
          "tree",
          "clusterNode",
          "clusterNodeById",
          "cnode",
          "origin",
          "metric",
          "getClusterMode",
          "cluster/client/fetchConfig",
          "cluster/server/fetchConfig",
          "cluster/server/info",
          "cluster/server/flowRules",
          "cluster/server/paramRules",
          "cluster/server/metricList",
          "gateway/getApiDefinitions",
          "gateway/getRules");

  private CommandRequests() {}

  /**
   * Why a request must not run, judged on its method, path and headers alone; checked before {@link
   * #parse}.
   *
   * <ul>
   *   <li>403: it carries an {@code Origin} header (a browser sent it; the dashboard and curl never
   *       do), or its {@code Host} is a name other than {@code localhost} (a page reaching the port
   *       through a DNS name it rebinds to 127.0.0.1; the dashboard addresses instances by IP);
   *   <li>405: the method is neither GET nor POST, or it is GET for a command outside {@link
   *       #READS}.
   * </ul>
   *
   * <p>A command no handler serves is not refused here: it is answered 400 {@code Unknown command}
   * as Sentinel does (the dashboard recognizes an older client by that answer).
   *
   * @param method the HTTP method
   * @param rawPath the request path as sent, e.g. {@code /setRules}
   * @param origin the {@code Origin} header, or null
   * @param host the {@code Host} header, or null (HTTP/1.0)
   * @param known whether a handler serves a command name (the path without its leading {@code /})
   * @return null if the request may run, else the refusal
   */
  static Refusal refusal(
      String method, String rawPath, String origin, String host, Predicate<String> known) {
    if (origin != null) {
      return new Refusal(
          403,
          "requests with an Origin header are refused (browsers may not use the command port)");
    }
    if (host != null && !addressOrLocalhost(host)) {
      return new Refusal(403, "Host must be an IP address or localhost");
    }
    boolean post = "POST".equalsIgnoreCase(method);
    if (!post && !"GET".equalsIgnoreCase(method)) {
      return new Refusal(405, "only GET and POST are supported");
    }
    String target = rawPath == null ? "" : rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (!post && !READS.contains(target) && known.test(target)) {
      return new Refusal(405, "`" + target + "` changes state: use POST");
    }
    return null;
  }

  /**
   * A request the command port refuses to run.
   *
   * @param status 403 or 405
   * @param reason one line of plain text for the answer
   */
  record Refusal(int status, String reason) {}

  private static boolean addressOrLocalhost(String host) {
    try {
      String name = HostAndPort.fromString(host.strip()).getHost();
      return name.equalsIgnoreCase("localhost") || InetAddresses.isInetAddress(name);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

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
  static CommandRequest parse(
      String method, String rawPath, String rawQuery, String contentType, byte[] body) {
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
