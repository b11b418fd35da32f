package org.fanzha.flink.score;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.function.Consumer;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EntityRisk;
import org.fanzha.flink.io.Output;

/**
 * Turns the engine's entity risks into a changelog for a compacted topic: at each checkpoint, the
 * risks that changed since the last one and a tombstone for each entity that no longer holds one.
 *
 * <p>What was sent is remembered as a hash of the JSON per entity, not kept in Flink state: after a
 * restore everything is sent again, which a compacted topic absorbs (the last value per key wins).
 */
final class EntityChangelog {
  private Object2IntOpenHashMap<String> sent = new Object2IntOpenHashMap<>();

  /** Sends the changes since the last call, or every current risk when {@code all} (the end of a bounded input). */
  int emit(Engine engine, boolean all, Consumer<Output> out) {
    Object2IntOpenHashMap<String> now = new Object2IntOpenHashMap<>(Math.max(16, sent.size()));
    int[] changed = {0};
    engine.forEachRisk((EntityRisk r) -> {
      Output o = OutputWriter.entity(r);
      int hash = o.json == null ? 0 : o.json.hashCode();
      now.put(o.key, hash);
      if (all || !sent.containsKey(o.key) || sent.getInt(o.key) != hash) {
        changed[0]++;
        out.accept(o);
      }
    });
    for (String key : sent.keySet()) {
      if (!now.containsKey(key)) {
        changed[0]++;
        out.accept(OutputWriter.entityGone(key));
      }
    }
    sent = now;
    return changed[0];
  }
}
