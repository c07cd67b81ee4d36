package vent.common.error;

import dev.vent.api.ReasonedStatus;
import java.util.Objects;

/**
 * An expected failure of a domain operation: bad input, a missing entity, a conflict.
 *
 * <p>Domain code throws it without knowing about Dubbo; the provider-side {@link
 * vent.common.dubbo.VentErrorFilter} turns it into a gRPC status of the same {@link ErrorKind}
 * whose description is {@code "<reason>: <detail>"} ({@link ReasonedStatus}). On the consumer side
 * {@link vent.common.dubbo.RpcErrors#toVentException(Throwable)} turns such a status back into this
 * exception. Unexpected failures must not use it.
 */
public class VentException extends RuntimeException {

  private final ErrorKind kind;
  private final String reason;

  /**
   * @param kind which gRPC status code the failure travels as
   * @param reason upper-case reason code from the service's {@code ErrorReason} enum in the IDL
   * @param detail human-readable detail; never includes secrets
   */
  public VentException(ErrorKind kind, String reason, String detail) {
    super(detail);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.reason = new ReasonedStatus(reason, detail).reason();
  }

  /** Shorthand for an {@link ErrorKind#INVALID_ARGUMENT} failure. */
  public static VentException invalid(String reason, String detail) {
    return new VentException(ErrorKind.INVALID_ARGUMENT, reason, detail);
  }

  /** Shorthand for a {@link ErrorKind#NOT_FOUND} failure. */
  public static VentException notFound(String reason, String detail) {
    return new VentException(ErrorKind.NOT_FOUND, reason, detail);
  }

  public ErrorKind kind() {
    return kind;
  }

  public String reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }

  /**
   * @return the {@code "<reason>: <detail>"} description this failure travels with
   */
  public ReasonedStatus toReasonedStatus() {
    return new ReasonedStatus(reason, getMessage());
  }
}
