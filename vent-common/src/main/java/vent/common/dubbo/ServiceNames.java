package vent.common.dubbo;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The name a Dubbo service goes by in gRPC: the full name of its proto service ({@code
 * vent.user.v1.UserService}), whatever Java package its stubs are generated into ({@code
 * dev.vent.user.v1.UserService}).
 *
 * <p>Dubbo names a service after its Java interface wherever it names one (Consul, Sentinel's
 * resources, its filters); gRPC paths, server reflection and gRPC health checks use the proto name.
 * dubbo-compiler's interfaces declare it as the constant {@code SERVICE_NAME}, beside {@code
 * JAVA_SERVICE_NAME}.
 */
public final class ServiceNames {

  private static final ClassValue<String> BY_CLASS =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          try {
            Field field = type.getField("SERVICE_NAME");
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
              return (String) field.get(null);
            }
          } catch (ReflectiveOperationException e) {
            // not an IDL interface: its Java name is its only name
          }
          return type.getName();
        }
      };

  private static final Map<String, String> BY_NAME = new ConcurrentHashMap<>();

  private ServiceNames() {}

  /**
   * @param iface a Dubbo service interface
   * @return its {@code SERVICE_NAME} constant (the proto service's full name) when it is generated
   *     from the IDL, else its Java name
   */
  public static String of(Class<?> iface) {
    return BY_CLASS.get(iface);
  }

  /**
   * The same for an interface known by its Java name only (a registry URL's {@code interface}).
   *
   * @param javaName the interface's Java name, e.g. {@code dev.vent.user.v1.UserService}
   * @return its proto service's full name, or {@code javaName} itself when no such interface can be
   *     loaded (a wildcard, a name from elsewhere) or it has no {@code SERVICE_NAME}
   */
  public static String of(String javaName) {
    return BY_NAME.computeIfAbsent(javaName, ServiceNames::load);
  }

  private static String load(String javaName) {
    for (ClassLoader loader :
        new ClassLoader[] {
          Thread.currentThread().getContextClassLoader(), ServiceNames.class.getClassLoader()
        }) {
      if (loader == null) {
        continue;
      }
      try {
        return of(Class.forName(javaName, false, loader));
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    return javaName;
  }
}
