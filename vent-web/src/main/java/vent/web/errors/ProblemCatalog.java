package vent.web.errors;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import dev.vent.api.rules.ErrorReasons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every problem {@code code} vent-web can answer with, and what it means: the pages under {@code
 * GET /api/v1/problems} that each problem's {@code type} points to.
 *
 * <p>Two sources, nothing copied: the error reasons of every service's IDL ({@link
 * ErrorReasons#all()}: status from {@code (vent.common.v1.http_status)}, meaning from the comment
 * above the value in its {@code error_reason.proto}, which the IDL jar carries), and the codes
 * vent-web makes itself, listed once here with their meaning. Where both name a code, vent-web's
 * meaning wins: it is the one a REST client sees (the providers' {@code RATE_LIMITED}, for one,
 * reaches clients as 503 {@code DEPENDENCY_UNAVAILABLE}, while vent-web's own is its 429).
 */
public final class ProblemCatalog {

  /** Where the pages are served, under the API's root path; {@code type} is this plus the code. */
  public static final String PATH = "/api/v1/problems";

  /**
   * One code.
   *
   * @param code e.g. {@code USER_NOT_FOUND}
   * @param status the HTTP status it is answered with
   * @param title the reason phrase of {@code status}
   * @param meaning what happened, one or two sentences
   * @param action what the client can do about it
   * @param source {@code vent-web}, or the IDL file that declares it (e.g. {@code
   *     vent/user/v1/error_reason.proto})
   */
  public record Entry(
      String code, int status, String title, String meaning, String action, String source) {

    /** The problem {@code type} of this code: {@code /api/v1/problems/<code>}. */
    public String type() {
      return PATH + "/" + code;
    }
  }

  /** vent-web's own codes: status, meaning and, when the status' default does not fit, action. */
  private static final List<Entry> OWN =
      List.of(
          own(
              400,
              Problems.VALIDATION_FAILED,
              "A field or parameter is missing or invalid; errors[] names each one.",
              null),
          own(
              400,
              Problems.MALFORMED_JSON,
              "The request body is not JSON.",
              "Send a JSON body with Content-Type: application/json."),
          own(
              400,
              Problems.INVALID_FIELD,
              "A JSON field has the wrong type or is not a field of this request; errors[] says which.",
              null),
          own(
              401,
              Problems.UNAUTHENTICATED,
              "The route needs a bearer access token and none was sent.",
              "Log in (POST /api/v1/sessions) and send Authorization: Bearer <accessToken>."),
          own(
              401,
              Problems.TOKEN_INVALID,
              "The bearer token is malformed, forged, expired, signed by an unknown key, or its account was deleted.",
              "Refresh the tokens (POST /api/v1/sessions/refresh) or log in again."),
          own(
              413,
              Problems.PAYLOAD_TOO_LARGE,
              "The request body is larger than the API accepts (64 KiB by default).",
              "Send a smaller body."),
          own(
              400,
              Problems.INVALID_USER_ID,
              "An id in the path or query is not a user id (a decimal number).",
              null),
          own(400, Problems.INVALID_VENT_ID, "An id in the path is not a vent id.", null),
          own(
              400,
              Problems.INVALID_LIMIT,
              "limit is not an integer within 1 and the largest page size.",
              null),
          own(
              400,
              "INVALID_CURSOR",
              "cursor is not a cursor this API issued.",
              "Start again without cursor, or pass the nextCursor of the previous page unchanged."),
          own(
              400,
              "INVALID_EXPIRY",
              "expiresInSeconds is outside 3,600..2,592,000 (one hour to 30 days).",
              null),
          own(
              400,
              Problems.TOO_MANY_IDS,
              "More ids than one request accepts.",
              "Split the ids over several requests."),
          own(
              500,
              Problems.INTERNAL,
              "A failure vent-web did not expect; the details are in its log only.",
              null),
          own(
              503,
              Problems.DEPENDENCY_UNAVAILABLE,
              "A service this request needs (a provider, Redis, the token keys) cannot serve it now, or refused the call under its own limits.",
              null),
          own(
              429,
              "RATE_LIMITED",
              "A rate limit refused the request: the route's, or the per-IP, per-user, login, captcha, password or posting limit; detail names it. RateLimit and RateLimit-Policy say which limits apply and how much is left.",
              "Wait the Retry-After seconds before sending it again."),
          own(
              503,
              "REGISTRATION_DISABLED",
              "Registration is switched off for now by an operator.",
              "Try again later."),
          own(
              503,
              "SUGGESTIONS_DISABLED",
              "Follow suggestions are switched off for now by an operator.",
              "Try again later."),
          own(
              400,
              "BAD_REQUEST",
              "The request is not valid HTTP for this route (e.g. a malformed header).",
              null),
          own(403, "FORBIDDEN", "This is not allowed.", null),
          own(
              404,
              "NOT_FOUND",
              "No such resource: the path matches no route, or names no such thing.",
              "Check the path against the API reference."),
          own(
              405,
              "METHOD_NOT_ALLOWED",
              "The route does not take this HTTP method.",
              "Use one of the methods the Allow header lists."),
          own(
              406,
              "NOT_ACCEPTABLE",
              "None of the media types in Accept can be produced.",
              "Accept application/json."),
          own(408, "REQUEST_TIMEOUT", "The request took too long to arrive.", null),
          own(409, "CONFLICT", "The request conflicts with the current state.", null),
          own(
              411,
              "LENGTH_REQUIRED",
              "A body was sent without Content-Length.",
              "Send Content-Length with the body."),
          own(414, "URI_TOO_LONG", "The request URI is too long.", null),
          own(
              415,
              "UNSUPPORTED_MEDIA_TYPE",
              "The body's Content-Type is not one this route accepts.",
              "Send Content-Type: application/json."),
          own(431, "HEADERS_TOO_LARGE", "The request headers are too large.", null),
          own(
              503,
              "SERVICE_UNAVAILABLE",
              "vent-web cannot serve requests now (starting or stopping).",
              null),
          own(
              400,
              "CLIENT_ERROR",
              "The request cannot be served (a 4xx status without a code of its own).",
              null));

  /** {@code // KIND: text} lines right above {@code NAME = number}. */
  private static final Pattern COMMENT = Pattern.compile("^\\s*//\\s?(.*)$");

  private static final Pattern KIND_PREFIX = Pattern.compile("^[A-Z_]+:\\s*");

  private static final Map<String, Entry> BY_CODE = build();

  private ProblemCatalog() {}

  /**
   * @return every code, sorted by code
   */
  public static List<Entry> all() {
    return List.copyOf(BY_CODE.values());
  }

  /**
   * @param code e.g. {@code USER_NOT_FOUND}; the lower-case, dashed spelling ({@code
   *     user-not-found}) is accepted too
   * @return its entry, or empty for a code vent-web never answers with
   */
  public static Optional<Entry> find(String code) {
    if (code == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_CODE.get(code.toUpperCase(Locale.ROOT).replace('-', '_')));
  }

  private static Entry own(int status, String code, String meaning, String action) {
    return new Entry(
        code,
        status,
        Problems.title(status),
        meaning,
        action != null ? action : defaultAction(status),
        "vent-web");
  }

  private static Map<String, Entry> build() {
    Map<String, Entry> entries = new TreeMap<>();
    Map<String, List<String>> protoLines = new TreeMap<>();
    for (EnumValueDescriptor value : ErrorReasons.all()) {
      String file = value.getFile().getName();
      List<String> lines = protoLines.computeIfAbsent(file, ProblemCatalog::readProto);
      int status = ErrorReasons.httpStatus(value.getName()).orElse(500);
      entries.putIfAbsent(
          value.getName(),
          new Entry(
              value.getName(),
              status,
              Problems.title(status),
              meaningFromComment(lines, value.getName()),
              defaultAction(status),
              file));
    }
    for (Entry own : OWN) {
      entries.put(own.code(), own);
    }
    return Collections.unmodifiableMap(entries);
  }

  /** The comment above {@code NAME = ...} in a proto file, without its gRPC kind prefix. */
  static String meaningFromComment(List<String> lines, String name) {
    Pattern declaration = Pattern.compile("^\\s*" + Pattern.quote(name) + "\\s*=.*");
    for (int i = 0; i < lines.size(); i++) {
      if (declaration.matcher(lines.get(i)).matches()) {
        List<String> comment = new ArrayList<>();
        for (int j = i - 1; j >= 0; j--) {
          var m = COMMENT.matcher(lines.get(j));
          if (!m.matches()) {
            break;
          }
          comment.add(0, m.group(1).strip());
        }
        String text = KIND_PREFIX.matcher(String.join(" ", comment)).replaceFirst("");
        if (!text.isEmpty()) {
          return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
      }
    }
    return "See the detail of the problem.";
  }

  private static List<String> readProto(String file) {
    try (InputStream in = ErrorReasons.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** What a client can do, by status, for codes with nothing more specific to say. */
  static String defaultAction(int status) {
    return switch (status) {
      case 400 ->
          "Correct the request as detail and errors[] say; sent again unchanged it fails again.";
      case 401 -> "Log in again, or send a valid bearer token.";
      case 403 -> "Do not retry: this caller may not do this.";
      case 404 -> "Check the id; the thing does not exist or is not visible to this caller.";
      case 409 -> "Change the request (e.g. pick another name); it conflicts with what exists.";
      case 429 -> "Wait the Retry-After seconds before sending it again.";
      case 500 -> "Retry later; if it persists, report the problem's traceId.";
      case 503 -> "Retry after the Retry-After seconds.";
      default ->
          status >= 500
              ? "Retry later; if it persists, report the problem's traceId."
              : "Correct the request before sending it again.";
    };
  }
}
