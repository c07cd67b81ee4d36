package vent.web.it;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the {@link Stack} a test class asks for ({@link SharedStack} or {@link OwnStack}) before
 * its first test and hands it to {@link Stack} parameters of its methods ({@code @BeforeAll},
 * tests, {@code @AfterAll}). The stack lives in a JUnit store, which stops it ({@code ./vent down})
 * when the store closes, also after failures: the shared stack in the root store (end of the run),
 * an own stack in the class's store (end of the class). Every stack is warmed up ({@link
 * StackWarmUp}) before a test gets it. The shared stack runs Prometheus ({@code
 * VENT_MONITORING=on}); own stacks do not unless their {@link OwnStack#env()} says so.
 */
public final class StackExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StackExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    stackOf(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Stack.class;
  }

  @Override
  public Stack resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return stackOf(context);
  }

  private static Stack stackOf(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    OwnStack own = AnnotationSupport.findAnnotation(testClass, OwnStack.class).orElse(null);
    if (own == null) {
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(
              SharedStack.class,
              k ->
                  new Running(
                      StackWarmUp.warmed(
                          Stack.start(
                              "it-stack",
                              0,
                              OwnStack.Rules.RELAXED,
                              Map.of("VENT_MONITORING", "on")))),
              Running.class)
          .stack();
    }
    if (own.shift() < 100) {
      throw new IllegalArgumentException(testClass + ": an own stack needs a shift of 100 or more");
    }
    // The class's own store: its nested and method contexts find it through their parents.
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            testClass,
            k ->
                new Running(
                    StackWarmUp.warmed(
                        Stack.start(own.name(), own.shift(), own.rules(), settings(own)))),
            Running.class)
        .stack();
  }

  /** An own stack's {@code NAME=value} settings. */
  private static Map<String, String> settings(OwnStack own) {
    Map<String, String> env = new HashMap<>();
    for (String setting : own.env()) {
      int eq = setting.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("@OwnStack env entry is not NAME=value: " + setting);
      }
      env.put(setting.substring(0, eq), setting.substring(eq + 1));
    }
    return env;
  }

  /**
   * A started stack in a store: closing the store stops it. AutoCloseable is what JUnit closes
   * store values by from 5.13 on; CloseableResource what it closes them by before.
   */
  private record Running(Stack stack)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      stack.stop();
    }
  }
}
