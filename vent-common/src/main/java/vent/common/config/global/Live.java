package vent.common.config.global;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The current effective value of one configuration key in this process. Domain code takes a {@code
 * Supplier}/{@code IntSupplier} view of it ({@code live::get}) and reads it on each use, so it
 * stays plain Java and tests pass a constant instead. Thread-safe; reads cost one volatile load.
 *
 * @param <T> the key's type
 */
public final class Live<T> implements Supplier<T> {

  private final ConfigKey<T> key;
  private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
  private volatile T value;

  Live(ConfigKey<T> key, T initial) {
    this.key = key;
    this.value = Objects.requireNonNull(initial);
  }

  /** A value that never changes, for tests and for processes run without Consul. */
  public static <T> Live<T> fixed(ConfigKey<T> key, T value) {
    return new Live<>(key, value);
  }

  /**
   * @return the value in force now
   */
  @Override
  public T get() {
    return value;
  }

  public ConfigKey<T> key() {
    return key;
  }

  /**
   * Calls {@code listener} with each new value of a live key, on the configuration watch's thread
   * (keep it short; an exception is logged and ignored). Start-up keys never change.
   */
  public Live<T> onChange(Consumer<T> listener) {
    listeners.add(Objects.requireNonNull(listener));
    return this;
  }

  /** Sets a new value and tells the listeners; {@link GlobalConfig} only. */
  void set(T next, Consumer<RuntimeException> onListenerFailure) {
    value = next;
    for (Consumer<T> listener : listeners) {
      try {
        listener.accept(next);
      } catch (RuntimeException e) {
        onListenerFailure.accept(e);
      }
    }
  }
}
