package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vent.api.ReasonedStatus;
import java.util.List;
import org.apache.dubbo.common.logger.Level;
import org.apache.dubbo.remoting.http12.HttpHeaders;
import org.apache.dubbo.remoting.http12.exception.DecodeException;
import org.apache.dubbo.rpc.RpcInvocation;
import org.apache.dubbo.rpc.model.FrameworkModel;
import org.junit.jupiter.api.Test;

/** Undecodable requests are the caller's error: INVALID_ARGUMENT, not UNKNOWN/INTERNAL. */
class MalformedRequestHandlerTest {

  private final MalformedRequestHandler handler = new MalformedRequestHandler();

  @Test
  void decodeFailureIsInvalidArgumentWithReason() {
    DecodeException e = new DecodeException(new InvalidProtocolBufferException("truncated"));
    HttpHeaders headers = HttpHeaders.create();
    assertThat(handler.resolveGrpcStatus(e, headers, null, null)).isTrue();
    assertThat(headers.getFirst("grpc-status")).isEqualTo("3");
    assertThat(ReasonedStatus.parse(headers.getFirst("grpc-message")))
        .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo("MALFORMED_REQUEST"));
    assertThat(handler.resolveLogLevel(e)).isEqualTo(Level.DEBUG);
  }

  @Test
  void dubboFindsTheHandlerThroughItsSpi() {
    List<?> handlers =
        FrameworkModel.defaultModel()
            .getActivateExtensions(org.apache.dubbo.remoting.http12.ExceptionHandler.class);
    assertThat(handlers).anyMatch(h -> h instanceof MalformedRequestHandler);
  }

  @Test
  void invocationWithoutItsArgumentIsRecognised() {
    RpcInvocation missing = new RpcInvocation();
    missing.setParameterTypes(new Class<?>[] {String.class});
    missing.setArguments(new Object[0]);
    assertThat(VentErrorFilter.argumentsMissing(missing)).isTrue();
    RpcInvocation complete = new RpcInvocation();
    complete.setParameterTypes(new Class<?>[] {String.class});
    complete.setArguments(new Object[] {"x"});
    assertThat(VentErrorFilter.argumentsMissing(complete)).isFalse();
  }
}
