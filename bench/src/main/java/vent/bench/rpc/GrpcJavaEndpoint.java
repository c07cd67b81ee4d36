package vent.bench.rpc;

import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * B3's reference point: a grpc-java server ({@code grpc-netty-shaded}, h2c on 127.0.0.1, an
 * ephemeral port) serving {@code vent.user.v1.UserService/GetUser} from {@link BenchUsers}, and a
 * channel to it, both with grpc-java's defaults (the server's calls run on grpc-java's default
 * executor, a cached thread pool; the blocking stub waits in the caller's thread).
 *
 * <p>Thread-safe once constructed; {@link #close()} shuts down the channel, then the server.
 */
public final class GrpcJavaEndpoint implements AutoCloseable {

  private final Server server;
  private final ManagedChannel channel;
  private final UserServiceGrpc.UserServiceBlockingStub stub;
  private final long timeoutMs;

  /**
   * Starts the server and connects the channel (the first call opens the connection).
   *
   * @param timeoutMs deadline of every call, milliseconds: the same as the Triple reference's
   *     timeout, so that both clients arm a timer per call as real callers do
   * @throws IOException if the server cannot bind
   */
  public GrpcJavaEndpoint(long timeoutMs) throws IOException {
    this.timeoutMs = timeoutMs;
    // Port 0: the kernel picks a free port, read back below, so nothing can take it in between.
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new Impl())
            .build()
            .start();
    this.channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    this.stub = UserServiceGrpc.newBlockingStub(channel);
  }

  /**
   * @return the port the server listens on (127.0.0.1)
   */
  public int port() {
    return server.getPort();
  }

  /**
   * One blocking unary {@code GetUser} call.
   *
   * @throws io.grpc.StatusRuntimeException NOT_FOUND for an unknown id, or any transport failure
   */
  public User getUser(GetUserRequest request) {
    // A deadline is relative to now, so a new (cheap, immutable) stub per call is the idiom.
    return stub.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).getUser(request);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdown();
    if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
      channel.shutdownNow();
    }
    server.shutdown();
    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** The same lookup as {@link TripleEndpoint}'s implementation, in grpc-java's shape. */
  private static final class Impl extends UserServiceGrpc.UserServiceImplBase {
    @Override
    public void getUser(GetUserRequest request, StreamObserver<User> responseObserver) {
      User user = BenchUsers.find(request.getId());
      if (user == null) {
        responseObserver.onError(
            Status.NOT_FOUND
                .withDescription(BenchUsers.notFound(request.getId()))
                .asRuntimeException());
        return;
      }
      responseObserver.onNext(user);
      responseObserver.onCompleted();
    }
  }
}
