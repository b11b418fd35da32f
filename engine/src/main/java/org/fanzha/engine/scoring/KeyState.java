package org.fanzha.engine.scoring;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.fanzha.engine.features.FeatureTable;
import org.jspecify.annotations.Nullable;

/**
 * What one key of a keyed share holds, as bytes a runner keeps per entity (decisions 0038, 0040,
 * 0041, 0042), and back: the keys of the {@link Stage#NODE} stage ({@link NodeKeys}), of the {@link
 * Stage#HOLDER} stage ({@link HolderKeys}), of the {@link Stage#ACTOR} stage ({@link ActorKeys})
 * and of the {@link Stage#PERSON} stage ({@link PersonKeys}); the share's stage ({@link
 * EngineState#keyed}) says which. Reasons travel as rule codes and links between rows as names,
 * since another task's engine may have given the codes other bits and the rows other ids. What a
 * share holds beside its keys, the same for every key of its group, goes apart ({@link
 * #exportGroup}).
 */
public final class KeyState {

  /** The layout of what a share holds beside its keys ({@link #exportGroup}). */
  private static final byte GROUP_FORMAT = 1;

  private KeyState() {}

  /**
   * Returns whether an idle sweep can forget a key of {@code stage} (decision 0027): not a holder,
   * which is a registration. A runner need not look for idle keys of the others among those it
   * keeps.
   */
  public static boolean mayGoIdle(Stage stage) {
    return of(stage).mayGoIdle();
  }

  /**
   * Returns {@code key}'s state in {@code s} as bytes, or null when {@code s} holds none for it: no
   * row (an entity met in events) and no list standing (a listing may name an entity before any
   * event does).
   */
  public static byte @Nullable [] export(EngineState s, String key) {
    try {
      return of(s).export(s, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
  }

  /**
   * Puts back into {@code s} the state {@link #export} wrote for {@code key} (it holds none now),
   * as it was; a reason whose code no rule book in force here has used is dropped. A slice written
   * before its kind gained words is widened, its newer words 0.
   *
   * @throws IOException when the bytes are not a key's state this build can read
   */
  public static void restore(EngineState s, String key, byte[] bytes) throws IOException {
    StageKeys keys = of(s);
    try {
      keys.read(s, key, bytes);
    } catch (IOException | RuntimeException e) {
      keys.forget(s, key); // nothing half put back
      throw e instanceof EOFException
          ? new IOException(key + ": the state ends early", e)
          : new IOException(key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Forgets {@code key}'s state in {@code s} when the sweep at {@code sweptAt} would have forgotten
   * it (decision 0027) had it been held then: a key kept elsewhere misses the sweeps. Returns
   * whether it did.
   */
  public static boolean forgetIfIdle(
      EngineState s, String key, long sweptAt, long idleMs, int keepScore) {
    return of(s).forgetIfIdle(s, key, sweptAt, idleMs, keepScore);
  }

  /** Forgets {@code key}'s state in {@code s} (the runner keeps it elsewhere). */
  public static void forget(EngineState s, String key) {
    of(s).forget(s, key);
  }

  /** Returns whether {@code s} holds anything for {@code key}. */
  public static boolean holds(EngineState s, String key) {
    return of(s).holds(s, key);
  }

  /** Hands {@code each} the key of every entity of {@code stage} that {@code s} holds, once. */
  public static void forEachKey(EngineState s, Stage stage, Consumer<String> each) {
    Set<String> keys = new LinkedHashSet<>();
    of(stage).forEachKey(s, keys::add);
    keys.forEach(each);
  }

  /**
   * Forgets the rows of a {@code stage} share that no key it holds names and that hold nothing:
   * what keys let go left behind (a holder's last handset, once no holder here names it; a card's
   * holder, once no card here names it). A node share's rows are all keys: nothing is left behind
   * there.
   */
  public static void letGoUnnamed(EngineState s, Stage stage, int keepScore) {
    switch (stage) {
      case HOLDER -> IdleEntities.forgetUnnamed(s, keepScore);
      case ACTOR -> IdleEntities.forgetUnnamedHolders(s);
      case PERSON -> IdleEntities.forgetUnnamedNumbers(s);
      default -> {}
    }
  }

  /**
   * Returns what {@code s} holds beside its keys as bytes, or null when it holds nothing so: for a
   * share of people, the copies of numbers' risks, the reported and listed sites, the quiet
   * episodes by caller and the times of the last episode passes (decision 0042).
   */
  public static byte @Nullable [] exportGroup(EngineState s) {
    if (s.stage() != Stage.PERSON) {
      return null;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
      out.writeByte(GROUP_FORMAT);
      s.writeBesideKeys(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Puts back what {@link #exportGroup} wrote, in place of what {@code s} holds beside its keys.
   *
   * @throws IOException when the bytes are not what this build writes
   */
  public static void restoreGroup(EngineState s, byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
    if (in.readByte() != GROUP_FORMAT) {
      throw new IOException("not a key group's state of format " + GROUP_FORMAT);
    }
    s.readBesideKeys(in);
    atEnd(in);
  }

  private static StageKeys of(EngineState s) {
    Stage stage = s.stage();
    if (stage == null) {
      throw new IllegalStateException("not a keyed share: no state per entity");
    }
    return of(stage);
  }

  private static StageKeys of(Stage stage) {
    return switch (stage) {
      case NODE -> NodeKeys.INSTANCE;
      case HOLDER -> HolderKeys.INSTANCE;
      case ACTOR -> ActorKeys.INSTANCE;
      case PERSON -> PersonKeys.INSTANCE;
    };
  }

  static void forEachName(FeatureTable t, String prefix, Consumer<String> each) {
    for (int id = 0, n = t.size(); id < n; id++) {
      if (t.isLive(id)) {
        each.accept(prefix + t.name(id));
      }
    }
  }

  /** Refuses bytes that go on after a key's state. */
  static void atEnd(DataInputStream in) throws IOException {
    if (in.available() > 0) {
      throw new IOException(in.available() + " bytes more than its state");
    }
  }
}
