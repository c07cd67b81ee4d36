package vent.web.it;

import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;

/**
 * A plain gRPC stub that calls as one of the stack's applications, sending its caller name and
 * secret the way a Vent process does (gRPC metadata = Triple attachments; {@code
 * vent/common/v1/caller.proto}).
 */
final class Callers {

  private Callers() {}

  /**
   * The stub calling as vent-web, with the secret the launcher generated for it in {@code stack}.
   */
  static <S extends AbstractStub<S>> S asWeb(Stack stack, S stub) {
    return as("vent-web", stack.secret("CALLER_SECRET_web"), stub);
  }

  /** The stub sending {@code caller} and {@code secret}, right or wrong. */
  static <S extends AbstractStub<S>> S as(String caller, String secret, S stub) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("vent-caller", Metadata.ASCII_STRING_MARSHALLER), caller);
    headers.put(Metadata.Key.of("vent-caller-secret", Metadata.ASCII_STRING_MARSHALLER), secret);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
