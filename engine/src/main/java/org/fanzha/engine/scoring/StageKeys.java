package org.fanzha.engine.scoring;

import java.io.IOException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The keys of one stage kept per entity, as bytes and back ({@link KeyState}). */
interface StageKeys {

  /** Returns {@code key}'s state in {@code s} as bytes, or null when {@code s} holds none. */
  byte @Nullable [] export(EngineState s, String key) throws IOException;

  /** Puts back what {@link #export} wrote; may leave part of it put back when it throws. */
  void read(EngineState s, String key, byte[] bytes) throws IOException;

  /** Forgets {@code key}'s state in {@code s}. */
  void forget(EngineState s, String key);

  /** Returns whether {@code s} holds anything for {@code key}. */
  boolean holds(EngineState s, String key);

  /** Hands {@code each} every key of this stage that {@code s} holds (perhaps twice). */
  void forEachKey(EngineState s, Consumer<String> each);

  /**
   * Returns whether an idle sweep can forget one of these keys; a stage whose keys it never forgets
   * (holders: registrations) says no.
   */
  default boolean mayGoIdle() {
    return true;
  }

  /**
   * Forgets {@code key} when the sweep at {@code sweptAt} would have (decision 0027); returns
   * whether it did. Keys a sweep never forgets keep this default.
   */
  default boolean forgetIfIdle(
      EngineState s, String key, long sweptAt, long idleMs, int keepScore) {
    return false;
  }
}
