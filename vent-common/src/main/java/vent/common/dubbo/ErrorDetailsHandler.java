package vent.common.dubbo;

import dev.vent.api.ReasonedStatus;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.remoting.http12.ExceptionHandler;
import org.apache.dubbo.remoting.http12.HttpHeaders;
import org.apache.dubbo.remoting.http12.RequestMetadata;
import org.apache.dubbo.rpc.StatusRpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.apache.dubbo.rpc.model.MethodDescriptor;

/**
 * Provider side, every Triple server of the process: a call that fails with a reasoned status
 * ({@code "REASON: detail"}, see {@link ReasonedStatus}) ends with the trailers {@code
 * grpc-status}, {@code grpc-message} (the description, unchanged) and {@value ErrorDetails#TRAILER}
 * ({@link ErrorDetails}: a {@code google.rpc.Status} with {@code google.rpc.ErrorInfo}), so that
 * gRPC clients can read the reason without parsing the message. A status without a reason is left
 * to Dubbo's default mapping.
 *
 * <p>Registered through Dubbo's SPI ({@code
 * META-INF/dubbo/org.apache.dubbo.remoting.http12.ExceptionHandler}); Dubbo picks the handlers
 * whose type parameter matches the (unwrapped) exception.
 */
@Activate(order = -1000)
public final class ErrorDetailsHandler implements ExceptionHandler<StatusRpcException, Object> {

  @Override
  public boolean resolveGrpcStatus(
      StatusRpcException e,
      HttpHeaders headers,
      RequestMetadata metadata,
      MethodDescriptor method) {
    TriRpcStatus status = e.getStatus();
    var reasoned = ReasonedStatus.parse(status.description);
    if (reasoned.isEmpty()) {
      return false;
    }
    headers.set("grpc-status", String.valueOf(status.code.code));
    // As Dubbo's default does: the description as is (percent-encoding is left to the transport).
    headers.set("grpc-message", status.description);
    headers.set(
        ErrorDetails.TRAILER,
        ErrorDetails.trailerValue(
            ErrorDetails.of(status.code.code, reasoned.get(), serviceName(metadata))));
    return true;
  }

  /**
   * @return the gRPC service of the call's path ({@code /vent.user.v1.UserService/GetUser}), or
   *     {@code null}
   */
  static String serviceName(RequestMetadata metadata) {
    String path = metadata == null ? null : metadata.path();
    if (path == null || !path.startsWith("/")) {
      return null;
    }
    int end = path.indexOf('/', 1);
    return end > 1 ? path.substring(1, end) : null;
  }
}
