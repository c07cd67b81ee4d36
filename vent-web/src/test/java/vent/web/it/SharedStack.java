package vent.web.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class runs against the stack every such class of the test run shares: started by the
 * first one, with the tests' relaxed Sentinel rules, stopped when the run ends. A class that uses
 * it leaves the stack as it found it: whatever it stops or reconfigures it puts back, and waits
 * until it is back, before it ends. {@link Stack} parameters of its methods receive the stack.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StackExtension.class)
public @interface SharedStack {}
