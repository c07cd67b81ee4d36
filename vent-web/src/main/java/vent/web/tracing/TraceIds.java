package vent.web.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trace id of the request being served, as problem bodies and log lines carry it.
 *
 * <p>A trace id is 32 lower-case hex digits, not all zero (W3C Trace Context). With the
 * OpenTelemetry agent ({@code VENT_TRACING=on}) it is the id of the agent's server span, the one to
 * look up in Zipkin; without the agent the API is a no-op and {@link RequestIdFilter} makes one per
 * request, so logs and error reports still share a key.
 *
 * <p>{@link #current()} is the id {@link RequestIdFilter} set on the thread serving the request;
 * resources are synchronous (they wait for their Dubbo calls), so the exception mappers run on that
 * thread too.
 */
public final class TraceIds {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
  private static final HexFormat HEX = HexFormat.of();

  private TraceIds() {}

  /** The trace id of the request this thread serves, or null outside a request (tests, tasks). */
  public static String current() {
    return CURRENT.get();
  }

  /** Sets the current request's id; {@code null} clears it. */
  static void set(String traceId) {
    if (traceId == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(traceId);
    }
  }

  /**
   * The trace id of the agent's current span, or null when there is none: no agent (the API's no-op
   * span has an invalid context) or no span on this thread.
   */
  public static String fromCurrentSpan() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }

  /**
   * A new random trace id in W3C form. Not a secret (it is sent back to the client), so a fast
   * non-cryptographic generator is enough; an all-zero id is invalid and never returned.
   */
  public static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high;
    long low;
    do {
      high = random.nextLong();
      low = random.nextLong();
    } while (high == 0 && low == 0);
    return HEX.toHexDigits(high) + HEX.toHexDigits(low);
  }
}
