package org.fanzha.flink.keyed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.fanzha.engine.Engine;
import org.jspecify.annotations.Nullable;

/**
 * One stage's share of the keyed engine in one task (decision 0023): an {@link Engine} per key
 * group the task owns, made when a key of the group first arrives. Each is saved in Flink's managed
 * keyed state under a key of its own group ({@link #keyOf}), so a checkpoint sits in whichever
 * state backend the job uses and a savepoint resumes at another parallelism: a key group moves to
 * another task whole, with the engine that holds its keys. (Raw keyed state is not used: Flink's
 * timer service reads it back on restore as its own.)
 */
public final class KeyGroupShares {

  /** Reads an engine from the bytes {@link #save} wrote. */
  @FunctionalInterface
  public interface Reader {
    Engine read(InputStream in) throws IOException;
  }

  private static final String STATE = "engines";
  private static final String GROUP_KEY = "\u0000group-";

  private final int maxParallelism;
  private final Supplier<Engine> fresh;
  private final @Nullable Engine[] byGroup;
  private @Nullable ValueState<byte[]> saved;

  /**
   * @param maxParallelism the operator's number of key groups
   * @param fresh makes the engine of a key group that has none yet (set up as a keyed share)
   */
  public KeyGroupShares(int maxParallelism, Supplier<Engine> fresh) {
    this.maxParallelism = maxParallelism;
    this.fresh = fresh;
    this.byGroup = new Engine[maxParallelism];
  }

  /** Returns the engine of {@code key}'s key group, made on first use. */
  public Engine of(Object key) {
    int group = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
    Engine e = byGroup[group];
    if (e == null) {
      e = fresh.get();
      byGroup[group] = e;
    }
    return e;
  }

  /**
   * Makes the engine of key group {@code group} unless it has one (a task makes all of its groups'
   * at start).
   */
  public void ensure(int group) {
    if (byGroup[group] == null) {
      byGroup[group] = fresh.get();
    }
  }

  /** Hands every engine made so far to {@code each}, by key group. */
  public void forEach(Consumer<Engine> each) {
    forEach((group, e) -> each.accept(e));
  }

  /** Hands every engine made so far to {@code each} with its key group. */
  public void forEach(java.util.function.BiConsumer<Integer, Engine> each) {
    for (int group = 0; group < byGroup.length; group++) {
      Engine e = byGroup[group];
      if (e != null) {
        each.accept(group, e);
      }
    }
  }

  /** Work on one key group's engine, with the operator's current key one of that group. */
  @FunctionalInterface
  public interface GroupWork {
    void run(int group, Engine engine) throws Exception;
  }

  /**
   * Runs {@code work} for every engine made so far, with {@code op}'s current key set to its
   * group's key ({@link #keyOf}: state kept per group), then puts the current key back.
   */
  public void withGroupKeys(AbstractStreamOperator<?> op, GroupWork work) throws Exception {
    Object current = op.getCurrentKey();
    for (int group = 0; group < maxParallelism; group++) {
      Engine e = byGroup[group];
      if (e != null) {
        op.setCurrentKey(keyOf(group, maxParallelism));
        work.run(group, e);
      }
    }
    if (current != null) {
      op.setCurrentKey(current);
    }
  }

  /**
   * Clears the engines {@link #save} wrote for the groups this task has (a stage that now keeps its
   * state per entity has written them anew).
   */
  public void clearSaved(AbstractStreamOperator<?> op) throws Exception {
    ValueState<byte[]> state = bound();
    withGroupKeys(op, (group, e) -> state.clear());
  }

  /**
   * Binds these shares to {@code op}'s managed keyed state and restores the engines it holds for
   * the key groups the task owns now, each with {@code reader}; returns how many it restored.
   */
  public int restore(
      AbstractStreamOperator<?> op, StateInitializationContext context, Reader reader)
      throws Exception {
    ValueState<byte[]> state =
        context
            .getKeyedStateStore()
            .getState(
                new ValueStateDescriptor<>(
                    STATE, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    saved = state;
    List<Object> keys;
    try (var stored = op.getKeyedStateBackend().getKeys(STATE, VoidNamespace.INSTANCE)) {
      keys = stored.toList();
    }
    for (Object key : keys) {
      op.setCurrentKey(key);
      byGroup[KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism)] =
          reader.read(new ByteArrayInputStream(state.value()));
    }
    return keys.size();
  }

  /**
   * Saves every engine made so far into the state {@link #restore} bound, each under its group's
   * key.
   */
  public void save(AbstractStreamOperator<?> op) throws Exception {
    ValueState<byte[]> state = bound();
    withGroupKeys(
        op,
        (group, e) -> {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
          e.writeSnapshot(bytes);
          state.update(bytes.toByteArray());
        });
  }

  private ValueState<byte[]> bound() {
    ValueState<byte[]> state = saved;
    if (state == null) {
      throw new IllegalStateException("save before restore: no keyed state bound");
    }
    return state;
  }

  /** Returns whether {@code key} is a key group's own ({@link #keyOf}), not an entity's. */
  public static boolean isGroupKey(String key) {
    return key.startsWith(GROUP_KEY);
  }

  /** Returns a key that falls in key group {@code group}: the one its engine is saved under. */
  public static String keyOf(int group, int maxParallelism) {
    for (int n = 0; ; n++) {
      String key = GROUP_KEY + group + "-" + n; // no entity key starts with a NUL
      if (KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism) == group) {
        return key;
      }
    }
  }
}
