package org.fanzha.flink.keyed;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.scoring.Stage;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.score.EntityChangelog;
import org.fanzha.flink.score.OutputWriter;
import org.jspecify.annotations.Nullable;

/**
 * A stage's state kept per entity (decision 0038): each key's state is one value of Flink keyed
 * state, which the state backend holds (RocksDB: on disk, and in a checkpoint only when it
 * changed), and the task's engines hold at most {@code capacity} keys as a cache over it.
 *
 * <ul>
 *   <li>A key is read from its state before its first hop and taken as changed by every hop (each
 *       stamps when its entity was last seen).
 *   <li>A changed key is written back at each checkpoint, and when it is the least recently used of
 *       more than {@code capacity} and leaves the engines.
 *   <li>A key's risk is sent on ({@link Risks}) whenever it is written back and differs from what
 *       was sent: the stage's changelog of entity risks. What was sent is the risk the key had when
 *       it was read, which the checkpoint it came from had sent.
 *   <li>A key the engines forgot as idle (decision 0027) is cleared from the state.
 * </ul>
 */
final class EntityCache {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EntityCache.class);
  static final String STATE = "entity";

  /** Where the risk of a key goes when it changed. */
  interface Risks {
    /** The entity of {@code key} holds {@code r} now. */
    void changed(String key, EntityRisk r);

    /** The entity of {@code key} holds no risk any more. */
    void gone(String key);
  }

  /** A key the engines hold: whether it changed since written, and the risk last sent for it. */
  private static final class Held {
    boolean changed;
    long sentRisk;

    Held(long sentRisk) {
      this.sentRisk = sentRisk;
    }
  }

  /** The fingerprint of a risk sent that cannot be known (no risk fingerprints to it). */
  private static final long UNKNOWN = 1;

  private final Stage stage;
  private final int capacity;
  private final Function<String, Engine> engines;
  private final Map<String, Held> held = new LinkedHashMap<>(1024, 0.75f, true);
  private final ValueStateDescriptor<byte[]> descriptor =
      new ValueStateDescriptor<>(STATE, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
  private @Nullable ValueState<byte[]> state;

  /**
   * @param stage the stage whose keys these are
   * @param capacity the most keys the engines hold at once
   * @param engines the engine that holds a key (its key group's)
   */
  EntityCache(Stage stage, int capacity, Function<String, Engine> engines) {
    if (capacity < 1) {
      throw new IllegalArgumentException("an entity cache holds at least one key: " + capacity);
    }
    this.stage = stage;
    this.capacity = capacity;
    this.engines = engines;
  }

  /** Binds the cache to the operator's keyed state. */
  void bind(KeyedStateStore store) {
    state = store.getState(descriptor);
  }

  /**
   * Takes every key of its own group an engine restored whole holds (a checkpoint from before state
   * per entity) as held and changed, so the next checkpoint writes each as its own. A row it made
   * for a key of another group (a callee, a payee, before decision 0041) is forgotten: that key's
   * state is its own group's.
   */
  void adoptAll(Engine engine, Predicate<String> ofItsGroup) {
    engine.forEachKey(
        stage,
        key -> {
          if (!ofItsGroup.test(key)) {
            engine.forgetKey(key);
            return;
          }
          Held h = new Held(riskHash(engine, key));
          h.changed = true;
          held.put(key, h);
        });
  }

  /**
   * Makes {@code key}, the operator's current key, held before a hop, from its state when it has
   * one; the hop changes it.
   */
  void take(String key) throws IOException {
    read(key).changed = true;
  }

  /**
   * Makes {@code key}, the operator's current key, held for a hop that only reads it, from its
   * state when it has one.
   */
  void hold(String key) throws IOException {
    if (held.containsKey(key) || state().value() != null) {
      read(key);
    } // a key with no state is not held for a question: the engines hold nothing of it
  }

  private Held read(String key) throws IOException {
    Held h = held.get(key);
    if (h == null) {
      Engine e = engines.apply(key);
      byte[] bytes = state().value();
      long sent = 0;
      if (bytes != null) {
        try {
          e.restoreKey(key, bytes);
          // what was sent is the risk as stored, before the sweeps it missed are applied
          sent = riskHash(e, key);
        } catch (IOException unreadable) {
          // never a poison pill: the key starts again empty and its bytes are overwritten; what was
          // sent for it is unknown, so its next write-back sends what it holds, or that it holds
          // none
          LOG.warn("the state of {} cannot be read; it starts again empty", key, unreadable);
          sent = UNKNOWN;
        }
      }
      h = new Held(sent);
      e.forgetKeyIfIdle(key);
      held.put(key, h);
    }
    return h;
  }

  /**
   * Lets the least recently used keys go while more than the capacity are held, each written back
   * (and its risk sent) first.
   */
  void trim(AbstractStreamOperator<?> op, Risks risks) {
    if (held.size() <= capacity) {
      return;
    }
    Object current = op.getCurrentKey();
    Iterator<Map.Entry<String, Held>> eldest = held.entrySet().iterator();
    while (held.size() > capacity) {
      Map.Entry<String, Held> k = eldest.next();
      op.setCurrentKey(k.getKey());
      Engine e = engines.apply(k.getKey());
      if (!e.holdsKey(k.getKey())) {
        k.getValue().changed = true; // forgotten as idle since written: cleared, and gone if sent
      }
      writeBack(k.getKey(), k.getValue(), e, risks);
      e.forgetKey(k.getKey());
      eldest.remove();
    }
    op.setCurrentKey(current);
  }

  /**
   * Writes back every key changed since the last checkpoint and sends its risk if it changed
   * (before the checkpoint's barrier); a key its engine forgot as idle is cleared and let go.
   */
  void save(AbstractStreamOperator<?> op, Risks risks) {
    Object current = op.getCurrentKey();
    Iterator<Map.Entry<String, Held>> it = held.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Held> k = it.next();
      Engine e = engines.apply(k.getKey());
      boolean kept = e.holdsKey(k.getKey());
      if (k.getValue().changed || !kept) {
        op.setCurrentKey(k.getKey());
        k.getValue().changed = true;
        writeBack(k.getKey(), k.getValue(), e, risks);
      }
      if (!kept) {
        it.remove();
      }
    }
    if (current != null) {
      op.setCurrentKey(current);
    }
  }

  /**
   * Sends the risk of every key with one, held or only in the state: the end of a bounded input. A
   * key only in the state is read into its engine for it, then let go again.
   */
  void sendAll(AbstractStreamOperator<?> op, Risks risks) throws Exception {
    save(op, risks);
    for (String key : held.keySet()) {
      riskOf(engines.apply(key), key).ifPresent(r -> risks.changed(key, r));
    }
    forEachStored(
        op,
        (k, e, sent, value) -> {
          e.forgetKeyIfIdle(k);
          Optional<EntityRisk> r = riskOf(e, k);
          if (r.isPresent()) {
            risks.changed(k, r.get());
          } else if (sent != 0) {
            risks.gone(k);
          }
        });
  }

  /**
   * Forgets the keys only in the state that their engine's last idle sweep would have forgotten
   * (decision 0027), since no sweep sees them: each is read into its engine and tested, and one
   * forgotten is cleared, and sent as gone if it had a risk. It reads every stored key: run it once
   * a day of event time.
   */
  void sweepStored(AbstractStreamOperator<?> op, Risks risks) throws Exception {
    forEachStored(
        op,
        (k, e, sent, value) -> {
          if (e.forgetKeyIfIdle(k)) {
            value.clear();
            if (sent != 0) {
              risks.gone(k);
            }
          }
        });
  }

  /** What is done with one key only in the state, read into its engine for the while. */
  @FunctionalInterface
  private interface StoredKey {
    /**
     * @param sent the fingerprint of the risk sent for it (its risk as stored)
     * @param value its state, the backend's current key being {@code key}
     */
    void visit(String key, Engine engine, long sent, ValueState<byte[]> value) throws Exception;
  }

  /**
   * Reads each key only in the state (not held, not unreadable) into its engine, hands it to {@code
   * visit}, and lets it go from the engine again; the operator's current key is put back after.
   */
  private void forEachStored(AbstractStreamOperator<?> op, StoredKey visit) throws Exception {
    Object current = op.getCurrentKey();
    op.getKeyedStateBackend()
        .applyToAllKeys(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            descriptor,
            (key, value) -> {
              String k = (String) key;
              byte[] bytes = value.value();
              if (held.containsKey(k) || bytes == null) {
                return;
              }
              Engine e = engines.apply(k);
              try {
                e.restoreKey(k, bytes);
              } catch (IOException unreadable) {
                LOG.warn("the state of {} cannot be read; passed over", k, unreadable);
                return;
              }
              visit.visit(k, e, riskHash(e, k), value);
              e.forgetKey(k);
            });
    if (current != null) {
      op.setCurrentKey(current);
    }
  }

  /** Returns how many keys the engines hold now. */
  int held() {
    return held.size();
  }

  private void writeBack(String key, Held h, Engine e, Risks risks) {
    if (!h.changed) {
      return;
    }
    byte[] bytes = e.exportKey(key);
    try {
      if (bytes == null) {
        state().clear();
      } else {
        state().update(bytes);
      }
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException("writing the state of " + key, ex);
    }
    h.changed = false;
    long now = riskHash(e, key);
    if (now != h.sentRisk) {
      Optional<EntityRisk> r = riskOf(e, key);
      if (r.isPresent()) {
        risks.changed(key, r.get());
      } else {
        risks.gone(key);
      }
      h.sentRisk = now;
    }
  }

  private ValueState<byte[]> state() {
    ValueState<byte[]> s = state;
    if (s == null) {
      throw new IllegalStateException("an entity cache used before it was bound to keyed state");
    }
    return s;
  }

  /** The risk the engine holds for a key (none for radio cells, which are not scored). */
  private static Optional<EntityRisk> riskOf(Engine e, String key) {
    int colon = key.indexOf(':');
    EntityKind kind = colon < 0 ? null : EntityKind.fromWire(key.substring(0, colon));
    return kind == null ? Optional.empty() : e.entity(kind, key.substring(colon + 1));
  }

  /** A fingerprint of the risk a key would be sent with (0: none). */
  private static long riskHash(Engine e, String key) {
    Optional<EntityRisk> r = riskOf(e, key);
    if (r.isEmpty()) {
      return 0;
    }
    Output o = OutputWriter.entity(r.get());
    return o.json == null ? 0 : EntityChangelog.fingerprint(o.json);
  }
}
