package org.fanzha.graph.funds;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Returns which accounts money could have reached from a transfer by time-respecting paths (each
 * transfer no earlier than the one before it), with the fewest hops, ignoring amounts. This is the
 * question a database can answer with {@code WITH RECURSIVE}; the tracer answers the finer one (how
 * much, under FIFO), and every account it reports lies in this set.
 */
public final class TemporalReach {

  private TemporalReach() {}

  /**
   * Returns account → fewest hops (the seed's payee is hop 1) over paths of at most {@code maxHops}
   * transfers within {@code window} after the seed transfer at {@code edge}.
   */
  public static Map<String, Integer> minHops(
      TransferGraph graph, int edge, int maxHops, Duration window) {
    return graph.read(
        () -> {
          long end = graph.ts(edge) + window.toMillis();
          Int2IntOpenHashMap best = new Int2IntOpenHashMap();
          // layer h: account → earliest arrival by a path of exactly h transfers
          Int2LongOpenHashMap layer = new Int2LongOpenHashMap();
          layer.put(graph.to(edge), graph.ts(edge));
          best.put(graph.to(edge), 1);
          IntArrayList out = new IntArrayList();
          for (int h = 1; h < maxHops && !layer.isEmpty(); h++) {
            Int2LongOpenHashMap next = new Int2LongOpenHashMap();
            next.defaultReturnValue(Long.MAX_VALUE);
            for (Int2LongOpenHashMap.Entry en : layer.int2LongEntrySet()) {
              out.clear();
              graph.outEdges(en.getIntKey(), en.getLongValue(), end, out);
              for (int i = 0; i < out.size(); i++) {
                int e = out.getInt(i);
                int to = graph.to(e);
                if (graph.ts(e) < next.get(to)) {
                  next.put(to, graph.ts(e));
                }
              }
            }
            for (int a : next.keySet()) {
              if (!best.containsKey(a)) {
                best.put(a, h + 1);
              }
            }
            layer = next;
          }
          Map<String, Integer> named = new TreeMap<>();
          best.forEach((a, h) -> named.put(graph.name(a), h));
          return named;
        });
  }
}
