package vent.common.dubbo;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import dev.vent.api.ReasonedStatus;
import dev.vent.api.rules.ErrorReasons;
import java.util.Base64;

/**
 * The rich error model of a failed Vent call (Google AIP-193): a {@code google.rpc.Status} with the
 * gRPC code, the same message as {@code grpc-message} ({@code "REASON: detail"}) and one {@code
 * google.rpc.ErrorInfo} detail:
 *
 * <ul>
 *   <li>{@code reason}: the reason code, a value name of an {@code ErrorReason} enum of the IDL;
 *   <li>{@code domain}: {@value dev.vent.api.rules.ErrorReasons#DOMAIN} for every reason (a reason
 *       name means the same in every service that declares it);
 *   <li>{@code metadata}: {@code service} (the full gRPC service name, e.g. {@code
 *       vent.user.v1.UserService}) when known, and {@code field} (the IDL name of the request field
 *       the reason is about, e.g. {@code display_name}) when the IDL declares one.
 * </ul>
 *
 * It travels in the {@code grpc-status-details-bin} trailer (gRPC over HTTP/2, "Responses"): the
 * serialized message, base64 without padding.
 */
public final class ErrorDetails {

  /** The trailer that carries the serialized {@code google.rpc.Status}. */
  public static final String TRAILER = "grpc-status-details-bin";

  private ErrorDetails() {}

  /**
   * @param code the gRPC status code, e.g. 5 for NOT_FOUND
   * @param reasoned the reason and detail of the failure
   * @param service the full gRPC service name, or {@code null} when unknown
   * @return the status with its {@code ErrorInfo} detail
   */
  public static Status of(int code, ReasonedStatus reasoned, String service) {
    ErrorInfo.Builder info =
        ErrorInfo.newBuilder().setReason(reasoned.reason()).setDomain(ErrorReasons.DOMAIN);
    if (service != null && !service.isEmpty()) {
      info.putMetadata("service", service);
    }
    ErrorReasons.field(reasoned.reason()).ifPresent(field -> info.putMetadata("field", field));
    return Status.newBuilder()
        .setCode(code)
        .setMessage(reasoned.toDescription())
        .addDetails(Any.pack(info.build()))
        .build();
  }

  /**
   * @return the value of the {@value #TRAILER} trailer for {@code status}
   */
  public static String trailerValue(Status status) {
    return Base64.getEncoder().withoutPadding().encodeToString(status.toByteArray());
  }
}
