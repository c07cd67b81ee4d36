package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.reflection.v1alpha.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.stack.Topology;

/**
 * What an operator's gRPC tools see on every provider instance, without a caller credential: the
 * standard health check ({@code grpc_health_probe}) answers SERVING for the server and for the
 * instance's service, and server reflection ({@code grpcurl list}) lists that service. Both are
 * Dubbo Triple's built-in services (docs/OPERATIONS.md, "gRPC health and reflection"); the message
 * classes come with Dubbo, the client is plain grpc-java.
 */
@SharedStack
class GrpcHealthIT {

  private static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> CHECK =
      MethodDescriptor.<HealthCheckRequest, HealthCheckResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("grpc.health.v1.Health/Check")
          .setRequestMarshaller(ProtoUtils.marshaller(HealthCheckRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(HealthCheckResponse.getDefaultInstance()))
          .build();

  private static final MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse>
      REFLECTION =
          MethodDescriptor.<ServerReflectionRequest, ServerReflectionResponse>newBuilder()
              .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")
              .setRequestMarshaller(
                  ProtoUtils.marshaller(ServerReflectionRequest.getDefaultInstance()))
              .setResponseMarshaller(
                  ProtoUtils.marshaller(ServerReflectionResponse.getDefaultInstance()))
              .build();

  private static Stack stack;

  @BeforeAll
  static void stack(Stack shared) {
    stack = shared;
  }

  @Test
  void everyInstanceAnswersHealthChecks() throws InterruptedException {
    for (Topology.Provider provider : stack.settings().topology().providers()) {
      List<Integer> ports = stack.consulClient().passingPorts(provider.service());
      assertThat(ports).as("passing instances of %s", provider.service()).isNotEmpty();
      for (int port : ports) {
        ManagedChannel channel = channel(port);
        try {
          assertThat(check(channel, ""))
              .as("%s on port %d, the server", provider.service(), port)
              .isEqualTo(ServingStatus.SERVING);
          // Consul's name is the Java interface's; gRPC clients ask by the proto service's.
          assertThat(check(channel, provider.service()))
              .as("%s on port %d", provider.service(), port)
              .isEqualTo(ServingStatus.SERVING);
          assertThat(check(channel, protoName(provider.service())))
              .as("%s on port %d", protoName(provider.service()), port)
              .isEqualTo(ServingStatus.SERVING);
          assertThatThrownBy(() -> check(channel, "vent.nothing.v1.NoSuchService"))
              .isInstanceOfSatisfying(
                  StatusRuntimeException.class,
                  e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        } finally {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  @Test
  void everyInstanceListsItsServicesByReflection() throws Exception {
    for (Topology.Provider provider : stack.settings().topology().providers()) {
      for (int port : stack.consulClient().passingPorts(provider.service())) {
        ManagedChannel channel = channel(port);
        try {
          assertThat(listServices(channel))
              .as("services listed on port %d", port)
              .contains(protoName(provider.service()), "grpc.health.v1.Health");
        } finally {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** The proto name of a vent-api interface: the {@code SERVICE_NAME} dubbo-compiler declares. */
  private static String protoName(String javaName) {
    try {
      return (String) Class.forName(javaName).getField("SERVICE_NAME").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(javaName + " is not a vent-api interface", e);
    }
  }

  private static ManagedChannel channel(int port) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  private static ServingStatus check(ManagedChannel channel, String service) {
    return ClientCalls.blockingUnaryCall(
            channel,
            CHECK,
            CallOptions.DEFAULT.withDeadlineAfter(15, TimeUnit.SECONDS),
            HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  /** What {@code grpcurl list} asks: one list_services request on the reflection stream. */
  private static List<String> listServices(ManagedChannel channel) throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ClientCalls.asyncBidiStreamingCall(
            channel.newCall(
                REFLECTION, CallOptions.DEFAULT.withDeadlineAfter(15, TimeUnit.SECONDS)),
            new StreamObserver<>() {
              @Override
              public void onNext(ServerReflectionResponse response) {
                answer.complete(response);
              }

              @Override
              public void onError(Throwable t) {
                answer.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {
                answer.completeExceptionally(new IllegalStateException("no reflection answer"));
              }
            });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    ServerReflectionResponse response = answer.get(20, TimeUnit.SECONDS);
    requests.onCompleted();
    return response.getListServicesResponse().getServiceList().stream()
        .map(ServiceResponse::getName)
        .toList();
  }
}
