package vent.common.error;

import com.google.protobuf.Message;
import dev.vent.api.rules.RequestRules;
import dev.vent.api.rules.Violation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * Turns a broken IDL field rule ({@link RequestRules}) into the failure every Vent side reports: an
 * INVALID_ARGUMENT {@link VentException} whose reason is the rule's (e.g. INVALID_USERNAME) and
 * whose detail is the violation's sentence. Providers answer it as a gRPC status; vent-web answers
 * it as a 400 problem with that reason as {@code code}, exactly as if the provider had refused.
 */
public final class RequestChecks {

  private RequestChecks() {}

  /**
   * @param request a request message about to be sent or just received
   * @return {@code request}, when it passes every rule of its fields
   * @throws VentException INVALID_ARGUMENT with the first broken rule's reason
   */
  public static <M extends Message> M require(M request) {
    RequestRules.firstViolation(request).ifPresent(RequestChecks::fail);
    return request;
  }

  /**
   * @param violation the outcome of one field check
   * @throws VentException INVALID_ARGUMENT with the violation's reason, when there is one
   */
  public static void require(Optional<Violation> violation) {
    violation.ifPresent(RequestChecks::fail);
  }

  /**
   * Wraps a service stub so that every request message is checked ({@link #require(Message)})
   * before the call is made: a request the provider would refuse for its field rules fails here,
   * with the same reason, without a network round trip.
   *
   * @param service the service interface, e.g. {@code UserService.class}
   * @param stub the stub to call once a request passes
   * @return a stub of the same interface; a refused request throws {@link VentException}
   *     INVALID_ARGUMENT, synchronously also for the asynchronous methods
   */
  public static <T> T checking(Class<T> service, T stub) {
    Object proxy =
        Proxy.newProxyInstance(
            service.getClassLoader(),
            new Class<?>[] {service},
            (self, method, args) -> {
              if (args != null) {
                for (Object arg : args) {
                  if (arg instanceof Message request) {
                    require(request);
                  }
                }
              }
              try {
                return method.invoke(stub, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    return service.cast(proxy);
  }

  /**
   * @return the INVALID_ARGUMENT failure for {@code violation}
   */
  public static VentException failure(Violation violation) {
    return VentException.invalid(violation.reason(), violation.detail());
  }

  private static void fail(Violation violation) {
    throw failure(violation);
  }
}
