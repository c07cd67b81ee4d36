package vent.common.dubbo;

import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.Descriptors;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vent.common.v1.CallerProto;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code (vent.common.v1.allowed_callers)} option of each method, read from the descriptors
 * protoc generated for the service (the IDL is the one place that says who may call what).
 */
final class AllowedCallers {

  private static final ExtensionRegistry REGISTRY = ExtensionRegistry.newInstance();

  static {
    CallerProto.registerAllExtensions(REGISTRY);
  }

  private final Map<String, Set<String>> cache = new ConcurrentHashMap<>();

  /**
   * @param service the generated service interface, e.g. {@code dev.vent.user.v1.UserService}
   * @param method Dubbo's method name (lowerCamelCase, e.g. {@code createUser})
   * @param parameterTypes the method's parameter types; the first is its request message class
   * @return the applications allowed to call it; empty = any caller
   */
  Set<String> of(Class<?> service, String method, Class<?>[] parameterTypes) {
    return cache.computeIfAbsent(
        service.getName() + "#" + method, k -> lookUp(service, method, parameterTypes));
  }

  private static Set<String> lookUp(Class<?> service, String method, Class<?>[] parameterTypes) {
    Descriptors.MethodDescriptor descriptor = methodDescriptor(service, method, parameterTypes);
    if (descriptor == null) {
      return Set.of();
    }
    try {
      // Re-parsed with the extension registered: options of a file loaded before caller.proto's
      // classes may hold the extension as an unknown field.
      MethodOptions options =
          MethodOptions.parseFrom(descriptor.getOptions().toByteString(), REGISTRY);
      List<String> callers = options.getExtension(CallerProto.allowedCallers);
      return Set.copyOf(callers);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "options of " + descriptor.getFullName() + " cannot be read", e);
    }
  }

  /**
   * The proto method behind a Dubbo method, found through its request message's file; null if none.
   */
  static Descriptors.MethodDescriptor methodDescriptor(
      Class<?> service, String method, Class<?>[] parameterTypes) {
    if (parameterTypes == null
        || parameterTypes.length == 0
        || method == null
        || method.isEmpty()) {
      return null;
    }
    Descriptors.Descriptor request;
    try {
      request = (Descriptors.Descriptor) parameterTypes[0].getMethod("getDescriptor").invoke(null);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return null; // not a generated message: not a method of Vent's IDL
    }
    Descriptors.ServiceDescriptor svc =
        request.getFile().findServiceByName(service.getSimpleName());
    if (svc == null) {
      return null;
    }
    String protoName = Character.toUpperCase(method.charAt(0)) + method.substring(1);
    return svc.findMethodByName(protoName);
  }
}
