package vent.common.dubbo;

import dev.vent.api.ReasonedStatus;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.common.logger.Level;
import org.apache.dubbo.remoting.http12.ExceptionHandler;
import org.apache.dubbo.remoting.http12.HttpHeaders;
import org.apache.dubbo.remoting.http12.RequestMetadata;
import org.apache.dubbo.remoting.http12.exception.DecodeException;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.apache.dubbo.rpc.model.MethodDescriptor;

/**
 * Provider side, every Triple server of the process: a request message that cannot be decoded
 * (truncated varints, invalid wire types, lengths past the end, invalid UTF-8 in a string field,
 * plain garbage) ends the call with gRPC status INVALID_ARGUMENT and description {@code
 * "MALFORMED_REQUEST: the request message cannot be decoded"}, logged at DEBUG.
 *
 * <p>Why: Dubbo 3.3 reports a failed protobuf parse as a {@link DecodeException}, which carries
 * HTTP status 500; its default mapping makes that gRPC UNKNOWN "Internal Server Error" and logs an
 * ERROR with a stack trace for each such request. The caller sent bad bytes, so it is the caller's
 * error, and a client sending garbage in a loop must not flood the log. Registered through Dubbo's
 * SPI ({@code META-INF/dubbo/org.apache.dubbo.remoting.http12.ExceptionHandler}); Dubbo picks the
 * handlers whose type parameter matches the (unwrapped) exception.
 */
@Activate(order = -2000)
public final class MalformedRequestHandler implements ExceptionHandler<DecodeException, Object> {

  /** The reason of the status description; see {@code vent/common/v1/error_reason.proto}. */
  public static final String REASON = "MALFORMED_REQUEST";

  static final String DESCRIPTION =
      new ReasonedStatus(REASON, "the request message cannot be decoded").toDescription();

  @Override
  public Level resolveLogLevel(DecodeException e) {
    return Level.DEBUG;
  }

  /** Sets {@code grpc-status: 3} (INVALID_ARGUMENT) and the reasoned {@code grpc-message}. */
  @Override
  public boolean resolveGrpcStatus(
      DecodeException e, HttpHeaders headers, RequestMetadata metadata, MethodDescriptor method) {
    headers.set("grpc-status", String.valueOf(TriRpcStatus.Code.INVALID_ARGUMENT.code));
    // Printable ASCII without '%': valid as is (gRPC percent-encodes only other bytes), and the
    // way Dubbo's own default sets the message.
    headers.set("grpc-message", DESCRIPTION);
    return true;
  }
}
