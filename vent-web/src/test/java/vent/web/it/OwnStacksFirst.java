package vent.web.it;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The random class order of {@link ClassOrderer.Random} (same seed, see {@link OrderSeed}), then
 * every {@link OwnStack} class moved, in that order, ahead of the classes on the {@link
 * SharedStack}. The shared stack starts with the first class that uses it and runs to the end of
 * the run, so this way no own stack ever starts and runs beside it: on two cores, an own stack
 * coming up beside the idle shared stack was slower to start, and its first calls outlasted the RPC
 * timeout.
 */
public final class OwnStacksFirst implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    new ClassOrderer.Random().orderClasses(context);
    // List.sort is stable: the random order holds within each group.
    context
        .getClassDescriptors()
        .sort(Comparator.comparing((ClassDescriptor d) -> !d.isAnnotated(OwnStack.class)));
  }
}
