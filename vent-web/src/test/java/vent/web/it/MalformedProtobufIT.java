package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import dev.vent.auth.v1.AuthServiceGrpc;
import dev.vent.auth.v1.GetJwksRequest;
import dev.vent.captcha.v1.CaptchaServiceGrpc;
import dev.vent.captcha.v1.CreateCaptchaRequest;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.RelationServiceGrpc;
import dev.vent.user.v1.GetUserByUsernameRequest;
import dev.vent.user.v1.UserServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * Undecodable protobuf sent straight to every provider instance (found in Consul), on every unary
 * method of the four services, with a raw byte[] marshaller: each call must end with
 * INVALID_ARGUMENT (a caller's mistake, not INTERNAL or UNKNOWN), and every instance must still
 * answer a valid call afterwards.
 */
@SharedStack
class MalformedProtobufIT {

  private static final long SEED = Long.getLong("vent.fuzz.seed", System.nanoTime());
  private static final List<ManagedChannel> channels = new ArrayList<>();
  private static Stack stack;
  private static Account account;

  @BeforeAll
  static void stack(Stack shared) {
    stack = shared;
    System.out.println(
        "event=malformed_protobuf_seed seed="
            + SEED
            + " (rerun with -Dvent.fuzz.seed="
            + SEED
            + ")");
    account = Accounts.register(new Rest(stack.api()), Accounts.uniqueName("rawpb"));
  }

  @AfterAll
  static void close() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void userService() {
    every(
        UserServiceGrpc.getServiceDescriptor(),
        channel ->
            assertThat(
                    UserServiceGrpc.newBlockingStub(channel)
                        .getUserByUsername(
                            GetUserByUsernameRequest.newBuilder()
                                .setUsername(account.username())
                                .build())
                        .getId())
                .isEqualTo(account.id()));
  }

  @Test
  void relationService() {
    every(
        RelationServiceGrpc.getServiceDescriptor(),
        channel ->
            assertThat(
                    RelationServiceGrpc.newBlockingStub(channel)
                        .getCounts(GetCountsRequest.newBuilder().addUserIds(account.id()).build())
                        .getCountsList())
                .hasSize(1));
  }

  @Test
  void authService() {
    every(
        AuthServiceGrpc.getServiceDescriptor(),
        channel ->
            assertThat(
                    AuthServiceGrpc.newBlockingStub(channel)
                        .getJwks(GetJwksRequest.getDefaultInstance())
                        .getJwksJson())
                .contains("\"keys\""));
  }

  @Test
  void captchaService() {
    // CreateCaptcha serves vent-web only (vent/common/v1/caller.proto): the control calls as
    // vent-web.
    every(
        CaptchaServiceGrpc.getServiceDescriptor(),
        channel ->
            assertThat(
                    Callers.asWeb(stack, CaptchaServiceGrpc.newBlockingStub(channel))
                        .createCaptcha(CreateCaptchaRequest.getDefaultInstance())
                        .getId())
                .isNotEmpty());
  }

  /**
   * For each passing instance of the service: every malformed body on every unary method must be
   * refused with INVALID_ARGUMENT, then {@code stillServes} must succeed on the same channel.
   */
  /**
   * The name Consul lists a service under: Dubbo registers it by its Java interface, the IDL's
   * {@code java_package} and the service's name ({@code dev.vent.user.v1.UserService}).
   */
  private static String consulName(ServiceDescriptor service) {
    var file = ((ProtoFileDescriptorSupplier) service.getSchemaDescriptor()).getFileDescriptor();
    String simpleName = service.getName().substring(service.getName().lastIndexOf('.') + 1);
    return file.getOptions().getJavaPackage() + "." + simpleName;
  }

  private static void every(ServiceDescriptor service, Consumer<ManagedChannel> stillServes) {
    List<Integer> ports = stack.consulClient().passingPorts(consulName(service));
    assertThat(ports).as("passing instances of %s", service.getName()).isNotEmpty();
    Random random = new Random(SEED ^ service.getName().hashCode());
    List<String> wrong = new ArrayList<>();
    int calls = 0;
    for (int port : ports) {
      ManagedChannel channel =
          ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      channels.add(channel);
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
          continue;
        }
        for (Map.Entry<String, byte[]> body :
            malformedBodies(prototypeOf(method), random).entrySet()) {
          calls++;
          Status status = call(channel, method.getFullMethodName(), body.getValue());
          if (status.getCode() != Status.Code.INVALID_ARGUMENT) {
            wrong.add(
                port + " " + method.getFullMethodName() + " " + body.getKey() + " -> " + status);
          }
        }
      }
      stillServes.accept(channel);
    }
    System.out.printf(
        "event=malformed_protobuf service=%s instances=%d calls=%d wrong=%d%n",
        service.getName(), ports.size(), calls, wrong.size());
    assertThat(wrong)
        .as("calls with malformed protobuf that did not end with INVALID_ARGUMENT")
        .isEmpty();
    assertNoErrorLogged();
  }

  /**
   * A caller's bad bytes are not the provider's error: no ERROR line about a decode failure, and no
   * method dispatched without its argument (Dubbo did both before vent-common's fix).
   */
  private static void assertNoErrorLogged() {
    for (String process : List.of("user-1", "relation-1", "relation-2", "auth-1", "captcha-1")) {
      try (var lines = java.nio.file.Files.lines(stack.log(process))) {
        assertThat(
                lines
                    .filter(
                        l ->
                            l.contains("DecodeException") && l.contains("level=ERROR")
                                || l.contains("ArrayIndexOutOfBoundsException"))
                    .map(l -> l.substring(0, Math.min(300, l.length()))))
            .as("log of %s", process)
            .isEmpty();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The status a raw unary call ends with (OK if it succeeded). */
  private static Status call(ManagedChannel channel, String fullMethodName, byte[] body) {
    MethodDescriptor<byte[], byte[]> raw =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(fullMethodName)
            .setRequestMarshaller(RawBytes.INSTANCE)
            .setResponseMarshaller(RawBytes.INSTANCE)
            .build();
    try {
      ClientCalls.blockingUnaryCall(
          channel, raw, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), body);
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  /**
   * Bodies no protobuf parser accepts, whatever the message type: named by what is wrong, so a
   * failure says which one. Random garbage is kept only when a generic parse fails too.
   */
  static Map<String, byte[]> malformedBodies(Message prototype, Random random) {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    bodies.put("truncated varint", new byte[] {0x08, (byte) 0x80});
    bodies.put(
        "varint of 11 bytes", new byte[] {0x08, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01});
    bodies.put("tag with wire type 6", new byte[] {0x0e, 0x01});
    bodies.put("tag with wire type 7", new byte[] {0x0f, 0x01});
    bodies.put("tag zero", new byte[] {0x00, 0x01});
    bodies.put("end-group without start-group", new byte[] {0x0c});
    bodies.put("start-group never ended", new byte[] {0x0b, 0x08, 0x01});
    bodies.put("length past the end", new byte[] {0x0a, 0x10, 'a', 'b'});
    bodies.put("negative length", new byte[] {0x0a, -1, -1, -1, -1, 0x0f, 'a'});
    bodies.put("fixed64 cut short", new byte[] {0x09, 0x01, 0x02});
    bodies.put("fixed32 cut short", new byte[] {0x0d, 0x01});
    for (FieldDescriptor field : prototype.getDescriptorForType().getFields()) {
      if (field.getType() == FieldDescriptor.Type.STRING) {
        // proto3 strings must be UTF-8: 0xC3 0x28 is an invalid two-byte sequence.
        int tag = field.getNumber() << 3 | 2;
        bodies.put(
            "invalid UTF-8 in " + field.getName(),
            concat(varint(tag), new byte[] {0x02, (byte) 0xc3, 0x28}));
        break;
      }
    }
    for (int i = 0, kept = 0; kept < 6 && i < 1000; i++) {
      byte[] garbage = new byte[1 + random.nextInt(64)];
      random.nextBytes(garbage);
      if (!parses(garbage)) {
        bodies.put("garbage #" + kept++ + " (" + garbage.length + " bytes)", garbage);
      }
    }
    return bodies;
  }

  private static boolean parses(byte[] bytes) {
    try {
      UnknownFieldSet.parseFrom(bytes);
      return true;
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  private static Message prototypeOf(MethodDescriptor<?, ?> method) {
    return (Message)
        ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller())
            .getMessagePrototype();
  }

  private static byte[] varint(int value) {
    byte[] out = new byte[5];
    int n = 0;
    while ((value & ~0x7f) != 0) {
      out[n++] = (byte) ((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out[n++] = (byte) value;
    return java.util.Arrays.copyOf(out, n);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Sends and receives message bodies as they are. */
  private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
