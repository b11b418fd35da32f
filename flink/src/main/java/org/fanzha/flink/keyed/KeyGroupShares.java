package org.fanzha.flink.keyed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.fanzha.engine.Engine;
import org.jspecify.annotations.Nullable;

/**
 * One stage's share of the keyed engine in one task (decision 0023): an {@link Engine} per key group the task owns,
 * made when a key of the group first arrives. Each is saved in Flink's managed keyed state under a key of its own
 * group ({@link #keyOf}), so a checkpoint sits in whichever state backend the job uses and a savepoint resumes at
 * another parallelism: a key group moves to another task whole, with the engine that holds its keys. (Raw keyed
 * state is not used: Flink's timer service reads it back on restore as its own.)
 */
public final class KeyGroupShares {

  /** Reads an engine from the bytes {@link #save} wrote. */
  @FunctionalInterface
  public interface Reader {
    Engine read(InputStream in) throws IOException;
  }

  /** Stores one key group's engine under a key of that group. */
  @FunctionalInterface
  public interface Saver {
    void save(String groupKey, byte[] engine) throws Exception;
  }

  private final int maxParallelism;
  private final Supplier<Engine> fresh;
  private final @Nullable Engine[] byGroup;

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

  /** Makes the engine of key group {@code group} unless it has one (a task makes all of its groups' at start). */
  public void ensure(int group) {
    if (byGroup[group] == null) {
      byGroup[group] = fresh.get();
    }
  }

  /** Hands every engine made so far to {@code each}, by key group. */
  public void forEach(Consumer<Engine> each) {
    for (Engine e : byGroup) {
      if (e != null) {
        each.accept(e);
      }
    }
  }

  /** Saves every engine made so far, each under its group's key. */
  public void save(Saver saver) throws Exception {
    for (int group = 0; group < maxParallelism; group++) {
      Engine e = byGroup[group];
      if (e != null) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        e.writeSnapshot(bytes);
        saver.save(keyOf(group, maxParallelism), bytes.toByteArray());
      }
    }
  }

  /** Restores the engine {@code save} stored under {@code groupKey} (a key group this task owns now). */
  public void restore(String groupKey, byte[] engine, Reader reader) throws IOException {
    byGroup[KeyGroupRangeAssignment.assignToKeyGroup(groupKey, maxParallelism)] =
        reader.read(new ByteArrayInputStream(engine));
  }

  /** Returns a key that falls in key group {@code group}: the one its engine is saved under. */
  public static String keyOf(int group, int maxParallelism) {
    for (int n = 0; ; n++) {
      String key = "\u0000group-" + group + "-" + n; // no entity key starts with a NUL
      if (KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism) == group) {
        return key;
      }
    }
  }
}
