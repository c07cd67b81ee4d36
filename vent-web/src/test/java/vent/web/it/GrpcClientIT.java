package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.vent.auth.v1.AuthService;
import dev.vent.auth.v1.AuthServiceGrpc;
import dev.vent.auth.v1.GetJwksRequest;
import dev.vent.auth.v1.LoginRequest;
import dev.vent.captcha.v1.Captcha;
import dev.vent.captcha.v1.CaptchaService;
import dev.vent.captcha.v1.CaptchaServiceGrpc;
import dev.vent.captcha.v1.CreateCaptchaRequest;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import dev.vent.relation.v1.BatchFollowRequest;
import dev.vent.relation.v1.Edge;
import dev.vent.relation.v1.FollowRequest;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.RelationService;
import dev.vent.relation.v1.RelationServiceGrpc;
import dev.vent.user.v1.CreateUserRequest;
import dev.vent.user.v1.DeleteUserRequest;
import dev.vent.user.v1.EnsureUsersRequest;
import dev.vent.user.v1.GetUserByUsernameRequest;
import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import dev.vent.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * The "gRPC-compatible" promise: a plain grpc-java client (stubs generated from vent-api's protos
 * with protoc-gen-grpc-java, no Dubbo) calls every provider, found through Consul. Public methods
 * serve it as is; methods the IDL restricts to some callers ({@code vent/common/v1/caller.proto})
 * serve it only with such a caller's name and secret.
 */
@SharedStack
class GrpcClientIT {

  private static final List<ManagedChannel> channels = new ArrayList<>();
  private static Stack stack;
  private static Account account;

  @BeforeAll
  static void stack(Stack shared) {
    stack = shared;
    account = Accounts.register(new Rest(stack.api()), Accounts.uniqueName("grpc"));
  }

  @AfterAll
  static void close() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void userService() {
    var users = UserServiceGrpc.newBlockingStub(channelTo(UserService.class));
    User user =
        users.getUserByUsername(
            GetUserByUsernameRequest.newBuilder().setUsername(account.username()).build());
    assertThat(user.getId()).isEqualTo(account.id());
    assertThat(user.getCreatedAtMs()).isPositive();
    assertThatThrownBy(() -> users.getUser(GetUserRequest.newBuilder().setId("not-an-id").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).startsWith("INVALID_USER_ID: ");
            });
    assertThatThrownBy(
            () -> users.getUser(GetUserRequest.newBuilder().setId("999999999999").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  /**
   * A failed call carries the AIP-193 error model: {@code grpc-status-details-bin} holds a {@code
   * google.rpc.Status} whose {@code ErrorInfo} names the reason, the domain and the service, as
   * grpc-java's {@code StatusProto} reads it; the message stays {@code "REASON: detail"}.
   */
  @Test
  void failedCallsCarryErrorInfo() throws Exception {
    var users = UserServiceGrpc.newBlockingStub(channelTo(UserService.class));
    StatusRuntimeException e =
        catchThrowableOfType(
            () -> users.getUser(GetUserRequest.newBuilder().setId("999999999999").build()),
            StatusRuntimeException.class);
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).as("google.rpc.Status in grpc-status-details-bin").isNotNull();
    assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND.value());
    assertThat(status.getMessage())
        .isEqualTo(e.getStatus().getDescription())
        .startsWith("USER_NOT_FOUND: ");
    ErrorInfo info = status.getDetails(0).unpack(ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("USER_NOT_FOUND");
    assertThat(info.getDomain()).isEqualTo("vent.dev");
    assertThat(info.getMetadataMap()).containsEntry("service", "vent.user.v1.UserService");
  }

  /**
   * Methods only one service may call refuse a client without that service's caller secret: no
   * secret or a wrong one is UNAUTHENTICATED, a proven caller the IDL does not list is
   * PERMISSION_DENIED; nothing is created or deleted.
   */
  @Test
  void restrictedUserMethodsRefuseOtherCallers() {
    var users = UserServiceGrpc.newBlockingStub(channelTo(UserService.class));
    String name = Accounts.uniqueName("intruder");
    assertRefused(
        () ->
            users.createUser(
                CreateUserRequest.newBuilder().setUsername(name).setDisplayName("x").build()),
        Status.Code.UNAUTHENTICATED,
        "CALLER_UNAUTHENTICATED: ");
    assertRefused(
        () -> users.ensureUsers(EnsureUsersRequest.newBuilder().addUsernames(name).build()),
        Status.Code.UNAUTHENTICATED,
        "CALLER_UNAUTHENTICATED: ");
    assertRefused(
        () ->
            Callers.as("vent-web", "0".repeat(64), users)
                .ensureUsers(EnsureUsersRequest.newBuilder().addUsernames(name).build()),
        Status.Code.UNAUTHENTICATED,
        "CALLER_UNAUTHENTICATED: ");
    // vent-web proves who it is, but only the auth provider may delete a user.
    assertRefused(
        () ->
            Callers.asWeb(stack, users)
                .deleteUser(DeleteUserRequest.newBuilder().setId(account.id()).build()),
        Status.Code.PERMISSION_DENIED,
        "CALLER_NOT_ALLOWED: ");
    assertRefused(
        () -> users.deleteUser(DeleteUserRequest.newBuilder().setId(account.id()).build()),
        Status.Code.UNAUTHENTICATED,
        "CALLER_UNAUTHENTICATED: ");
    assertThat(users.getUser(GetUserRequest.newBuilder().setId(account.id()).build()).getUsername())
        .as("the user nobody was allowed to delete")
        .isEqualTo(account.username());
    assertThatThrownBy(
            () ->
                users.getUserByUsername(
                    GetUserByUsernameRequest.newBuilder().setUsername(name).build()))
        .as("the user nobody was allowed to create")
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void relationService() {
    var relations = RelationServiceGrpc.newBlockingStub(channelTo(RelationService.class));
    var counts =
        relations.getCounts(GetCountsRequest.newBuilder().addUserIds(account.id()).build());
    assertThat(counts.getCountsList()).hasSize(1);
    assertThat(counts.getCounts(0).getUserId()).isEqualTo(account.id());
    assertThat(counts.getCounts(0).getFollowers()).isZero();
    assertRefused(
        () ->
            relations.batchFollow(
                BatchFollowRequest.newBuilder()
                    .addEdges(Edge.newBuilder().setFollowerId("1").setFolloweeId(account.id()))
                    .build()),
        Status.Code.UNAUTHENTICATED,
        "CALLER_UNAUTHENTICATED: ");
    assertRefused(
        () ->
            relations.follow(
                FollowRequest.newBuilder().setFollowerId("1").setFolloweeId(account.id()).build()),
        Status.Code.UNAUTHENTICATED,
        "CALLER_UNAUTHENTICATED: ");
    assertThat(
            relations
                .getCounts(GetCountsRequest.newBuilder().addUserIds(account.id()).build())
                .getCounts(0)
                .getFollowers())
        .as("followers nobody was allowed to add")
        .isZero();
  }

  @Test
  void captchaService() {
    var captchas = CaptchaServiceGrpc.newBlockingStub(channelTo(CaptchaService.class));
    assertRefused(
        () -> captchas.createCaptcha(CreateCaptchaRequest.getDefaultInstance()),
        Status.Code.UNAUTHENTICATED,
        "CALLER_UNAUTHENTICATED: ");
    Captcha captcha =
        Callers.asWeb(stack, captchas).createCaptcha(CreateCaptchaRequest.getDefaultInstance());
    assertThat(captcha.getId()).matches("[0-9a-f]{32}");
    assertThat(captcha.getPng().toByteArray()).startsWith(0x89, 'P', 'N', 'G');
    var request =
        VerifyCaptchaRequest.newBuilder()
            .setId(captcha.getId())
            .setAnswer(Stack.CAPTCHA_ANSWER)
            .build();
    // Answers are checked by the auth provider alone: nobody else can spend or probe a captcha.
    assertRefused(
        () -> captchas.verifyCaptcha(request),
        Status.Code.UNAUTHENTICATED,
        "CALLER_UNAUTHENTICATED: ");
    assertRefused(
        () -> Callers.asWeb(stack, captchas).verifyCaptcha(request),
        Status.Code.PERMISSION_DENIED,
        "CALLER_NOT_ALLOWED: ");
    var auth = Callers.as("vent-provider-auth", stack.secret("CALLER_SECRET_auth"), captchas);
    assertThat(auth.verifyCaptcha(request).getValid()).isTrue();
    assertThat(auth.verifyCaptcha(request).getValid())
        .as("spent by its first verification")
        .isFalse();
  }

  @Test
  void authService() {
    var auth = AuthServiceGrpc.newBlockingStub(channelTo(AuthService.class));
    assertThat(auth.getJwks(GetJwksRequest.getDefaultInstance()).getJwksJson())
        .contains("\"keys\"")
        .contains("EC");
    LoginRequest login =
        LoginRequest.newBuilder()
            .setUsername(account.username())
            .setPassword(Accounts.PASSWORD)
            .build();
    assertRefused(() -> auth.login(login), Status.Code.UNAUTHENTICATED, "CALLER_UNAUTHENTICATED: ");
    var web = Callers.asWeb(stack, auth);
    var tokens = web.login(login);
    assertThat(tokens.getAccessToken()).isNotBlank();
    Accounts.ISSUED_TOKENS.add(tokens.getAccessToken());
    Accounts.ISSUED_TOKENS.add(tokens.getRefreshToken());
    assertThatThrownBy(
            () ->
                web.login(
                    LoginRequest.newBuilder()
                        .setUsername(account.username())
                        .setPassword("wrong-password")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).startsWith("INVALID_CREDENTIALS: ");
            });
  }

  private static void assertRefused(Runnable call, Status.Code code, String reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).startsWith(reason);
            });
  }

  /** A channel to a passing instance of the provider of {@code service}, a vent-api interface. */
  private static ManagedChannel channelTo(Class<?> service) {
    List<Integer> ports = stack.consulClient().passingPorts(service.getName());
    assertThat(ports).as("passing instances of %s", service).isNotEmpty();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", ports.get(0)).usePlaintext().build();
    channels.add(channel);
    return channel;
  }
}
