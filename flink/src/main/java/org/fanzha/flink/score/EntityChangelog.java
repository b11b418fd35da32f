package org.fanzha.flink.score;

import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import java.util.function.Consumer;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EntityRisk;
import org.fanzha.flink.io.Output;

/**
 * Turns the engine's entity risks into a changelog for a compacted topic: at each checkpoint, the
 * risks that changed since the last one and a tombstone for each entity that no longer holds one.
 *
 * <p>What was sent is remembered as a hash of the JSON per entity, not kept in Flink state: after a
 * restore it is rebuilt from the restored engine ({@link #remember}), which is exactly what the
 * restored checkpoint's barrier had sent, so later tombstones are not lost and nothing is sent
 * twice.
 */
public final class EntityChangelog {
  private Object2LongOpenHashMap<String> sent = new Object2LongOpenHashMap<>();

  /** What changed, as it is sent on. */
  public interface Changes {
    /** The entity's risk is now {@code r} ({@code asOutput}: the same as an entity record). */
    void changed(EntityRisk r, Output asOutput);

    /** The entity of {@code key} holds no risk any more. */
    void gone(String key);
  }

  /**
   * Takes the engine's current risks as already sent (after a restore: the checkpoint sent them
   * before its barrier).
   */
  public void remember(Engine engine) {
    emit(engine, false, o -> {});
  }

  /**
   * Sends the changes since the last call, or every current risk when {@code all} (the end of a
   * bounded input).
   */
  public int emit(Engine engine, boolean all, Consumer<Output> out) {
    return emit(
        engine,
        all,
        new Changes() {
          @Override
          public void changed(EntityRisk r, Output asOutput) {
            out.accept(asOutput);
          }

          @Override
          public void gone(String key) {
            out.accept(OutputWriter.entityGone(key));
          }
        });
  }

  /** As {@link #emit(Engine, boolean, Consumer)}, each change with the risk it is. */
  public int emit(Engine engine, boolean all, Changes out) {
    Object2LongOpenHashMap<String> now = new Object2LongOpenHashMap<>(Math.max(16, sent.size()));
    int[] changed = {0};
    engine.forEachRisk(
        (EntityRisk r) -> {
          Output o = OutputWriter.entity(r);
          long hash = o.json == null ? 0 : fingerprint(o.json);
          now.put(o.key, hash);
          if (all || !sent.containsKey(o.key) || sent.getLong(o.key) != hash) {
            changed[0]++;
            out.changed(r, o);
          }
        });
    for (String key : sent.keySet()) {
      if (!now.containsKey(key)) {
        changed[0]++;
        out.gone(key);
      }
    }
    sent = now;
    return changed[0];
  }

  /** 64 bits of the JSON (FNV-1a), so that two different risks practically never look unchanged. */
  public static long fingerprint(byte[] json) {
    long h = 0xCBF2_9CE4_8422_2325L;
    for (byte b : json) {
      h ^= b & 0xFF;
      h *= 0x1000_0000_01B3L;
    }
    return h;
  }
}
