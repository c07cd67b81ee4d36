package vent.common.dubbo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.ServiceModel;
import vent.common.config.CallerSettings;

/**
 * One Dubbo application's caller authentication: who it calls as, and which callers it recognises.
 * Held in the application's bean factory ({@link DubboNode#callers}), where {@link
 * CallerAuthFilter} and {@link CallerCredentialFilter} find it.
 */
public final class CallerAuth {

  /** Metadata entry (Triple attachment) naming the calling application. */
  public static final String CALLER = "vent-caller";

  /** Metadata entry carrying the calling application's secret. */
  public static final String SECRET = "vent-caller-secret";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** The outcome of checking one call. */
  enum Verdict {
    ALLOWED,
    /** No caller, an unknown one, or a secret that does not match: UNAUTHENTICATED. */
    UNAUTHENTICATED,
    /** A proven caller the method does not list: PERMISSION_DENIED. */
    NOT_ALLOWED
  }

  private final String name;
  private final byte[] secret;
  private final Map<String, byte[]> trusted;
  private final AllowedCallers allowed = new AllowedCallers();

  CallerAuth(String name, CallerSettings settings) {
    this.name = name;
    this.secret = bytes(settings.secret);
    this.trusted =
        settings.trustedSecrets().entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> bytes(e.getValue())));
  }

  /**
   * @return the caller authentication of the application a call belongs to (the reference's or the
   *     exported service's), or null if none
   */
  static CallerAuth of(Invoker<?> invoker, Invocation invocation) {
    ServiceModel service = invocation.getServiceModel();
    ApplicationModel app =
        service != null && service.getModuleModel() != null
            ? service.getModuleModel().getApplicationModel()
            : invoker.getUrl().getOrDefaultApplicationModel();
    return app == null ? null : app.getBeanFactory().getBean(CallerAuth.class);
  }

  /** The name this application calls as. */
  String name() {
    return name;
  }

  /** This application's own secret (UTF-8), or null when it has none. */
  String secret() {
    return secret == null ? null : new String(secret, StandardCharsets.UTF_8);
  }

  /** True when this provider recognises callers, so restricted methods are enforced. */
  boolean enforcing() {
    return !trusted.isEmpty();
  }

  /** The applications allowed to call a method; empty = any caller. */
  Set<String> allowedCallers(Class<?> service, String method, Class<?>[] parameterTypes) {
    return allowed.of(service, method, parameterTypes);
  }

  /**
   * Checks a caller's claim against a method's allowed callers, comparing secrets in constant time
   * (a timing difference must not reveal how much of a guess was right).
   */
  Verdict check(String caller, String presentedSecret, Set<String> allowedCallers) {
    if (caller == null || presentedSecret == null) {
      return Verdict.UNAUTHENTICATED;
    }
    byte[] expected = trusted.get(caller);
    byte[] presented = presentedSecret.getBytes(StandardCharsets.UTF_8);
    if (expected == null) {
      // Same work as a known caller, so an unknown name does not answer faster.
      MessageDigest.isEqual(presented, presented);
      return Verdict.UNAUTHENTICATED;
    }
    if (!MessageDigest.isEqual(expected, presented)) {
      return Verdict.UNAUTHENTICATED;
    }
    return allowedCallers.contains(caller) ? Verdict.ALLOWED : Verdict.NOT_ALLOWED;
  }

  /**
   * A caller name fit for a log line: a name this provider recognises, else {@code unknown} ({@code
   * none} when absent). What a client sends is never logged as is: it could be anything, a pasted
   * secret included.
   */
  String printable(String caller) {
    if (caller == null) {
      return "none";
    }
    return trusted.containsKey(caller) && NAME.matcher(caller).matches() ? caller : "unknown";
  }

  private static byte[] bytes(String s) {
    return s == null || s.isEmpty() ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
