package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import dev.vent.api.ReasonedStatus;
import java.util.Base64;
import java.util.List;
import org.apache.dubbo.remoting.http12.HttpHeaders;
import org.apache.dubbo.remoting.http12.RequestMetadata;
import org.apache.dubbo.rpc.StatusRpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.apache.dubbo.rpc.model.FrameworkModel;
import org.junit.jupiter.api.Test;

/** A reasoned failure carries google.rpc.Status with ErrorInfo in grpc-status-details-bin. */
class ErrorDetailsHandlerTest {

  private final ErrorDetailsHandler handler = new ErrorDetailsHandler();

  @Test
  void reasonedStatusGetsErrorInfoWithServiceAndField() throws Exception {
    HttpHeaders headers = HttpHeaders.create();
    var e =
        new ReasonedRpcException(
            TriRpcStatus.Code.INVALID_ARGUMENT,
            new ReasonedStatus("INVALID_DISPLAY_NAME", "too long"));

    assertThat(
            handler.resolveGrpcStatus(
                e, headers, metadata("/vent.user.v1.UserService/Update"), null))
        .isTrue();

    assertThat(headers.getFirst("grpc-status")).isEqualTo("3");
    assertThat(headers.getFirst("grpc-message")).isEqualTo("INVALID_DISPLAY_NAME: too long");
    Status status =
        Status.parseFrom(Base64.getDecoder().decode(headers.getFirst(ErrorDetails.TRAILER)));
    assertThat(status.getCode()).isEqualTo(3);
    assertThat(status.getMessage()).isEqualTo("INVALID_DISPLAY_NAME: too long");
    ErrorInfo info = status.getDetails(0).unpack(ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("INVALID_DISPLAY_NAME");
    assertThat(info.getDomain()).isEqualTo("vent.dev");
    assertThat(info.getMetadataMap())
        .containsEntry("service", "vent.user.v1.UserService")
        .containsEntry("field", "display_name");
  }

  @Test
  void statusWithoutReasonIsLeftToDubbo() {
    HttpHeaders headers = HttpHeaders.create();
    var e = new StatusRpcException(TriRpcStatus.UNAVAILABLE.withDescription("no provider"));
    assertThat(handler.resolveGrpcStatus(e, headers, null, null)).isFalse();
    assertThat(headers.getFirst(ErrorDetails.TRAILER)).isNull();
  }

  @Test
  void serviceNameComesFromThePath() {
    assertThat(ErrorDetailsHandler.serviceName(metadata("/vent.post.v1.PostService/GetVent")))
        .isEqualTo("vent.post.v1.PostService");
    assertThat(ErrorDetailsHandler.serviceName(metadata("/"))).isNull();
    assertThat(ErrorDetailsHandler.serviceName(null)).isNull();
  }

  @Test
  void dubboFindsTheHandlerThroughItsSpi() {
    List<?> handlers =
        FrameworkModel.defaultModel()
            .getActivateExtensions(org.apache.dubbo.remoting.http12.ExceptionHandler.class);
    assertThat(handlers).anyMatch(h -> h instanceof ErrorDetailsHandler);
  }

  private static RequestMetadata metadata(String path) {
    return new RequestMetadata() {
      @Override
      public String method() {
        return "POST";
      }

      @Override
      public String path() {
        return path;
      }

      @Override
      public HttpHeaders headers() {
        return HttpHeaders.create();
      }
    };
  }
}
