package vent.common.dubbo;

import dev.vent.api.ReasonedStatus;
import org.apache.dubbo.rpc.StatusRpcException;
import org.apache.dubbo.rpc.TriRpcStatus;

/**
 * A gRPC status whose {@code grpc-message} is exactly {@code "REASON: detail"}.
 *
 * <p>Triple writes an exception's {@link #getMessage()} into {@code grpc-message}, and {@link
 * StatusRpcException}'s message is {@code "CODE : description"}; plain gRPC clients would then read
 * {@code "INVALID_ARGUMENT : USER_NOT_FOUND: ..."}. Overriding the message keeps the wire format
 * the one the IDL documents.
 */
public final class ReasonedRpcException extends StatusRpcException {

  private static final long serialVersionUID = 1L;

  /**
   * @param code the gRPC status code
   * @param reasoned the reason code and detail
   */
  public ReasonedRpcException(TriRpcStatus.Code code, ReasonedStatus reasoned) {
    super(TriRpcStatus.fromCode(code).withDescription(reasoned.toDescription()));
  }

  @Override
  public String getMessage() {
    return getStatus().description;
  }
}
