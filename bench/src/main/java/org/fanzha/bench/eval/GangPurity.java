package org.fanzha.bench.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.graph.gangs.Gang;

/**
 * How the gangs found around the engine's suspects match the simulator's gang ids (issue 12).
 *
 * <p>Only members the simulator gave a gang count. Purity: of those members, the share that sits in
 * its gang's majority gang id. Completeness: of each true gang's members that were found at all,
 * the share that the one found gang holding most of them holds, over all gangs.
 *
 * @param gangs gangs found
 * @param members their members
 * @param owned members a simulated gang owns
 * @param purity share of owned members in their found gang's majority id (1 when none)
 * @param completeness share of each true gang's found members in its largest found part (1 when
 *     none)
 * @param trueGangs gang ids that any found gang holds
 * @param largest members of the largest found gang
 */
public record GangPurity(
    int gangs,
    int members,
    int owned,
    double purity,
    double completeness,
    int trueGangs,
    int largest) {

  /** Scores {@code found} against {@code truth} (gang id by {@code kind:entity}). */
  public static GangPurity of(List<Gang> found, Map<String, Integer> truth) {
    int members = 0;
    int owned = 0;
    int majority = 0;
    int largest = 0;
    // true gang -> found gang -> members of the one in the other
    Map<Integer, Map<Integer, Integer>> overlap = new HashMap<>();
    for (int g = 0; g < found.size(); g++) {
      Gang gang = found.get(g);
      largest = Math.max(largest, gang.members().size());
      Map<Integer, Integer> ids = new HashMap<>();
      for (Gang.Member m : gang.members()) {
        members++;
        Integer id = truth.get(m.node().kind().wireName() + ":" + m.node().value());
        if (id != null) {
          owned++;
          ids.merge(id, 1, Integer::sum);
          overlap.computeIfAbsent(id, k -> new HashMap<>()).merge(g, 1, Integer::sum);
        }
      }
      majority += ids.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
    int foundOfTrue = 0;
    int keptTogether = 0;
    for (Map<Integer, Integer> parts : overlap.values()) {
      foundOfTrue += parts.values().stream().mapToInt(Integer::intValue).sum();
      keptTogether += parts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
    return new GangPurity(
        found.size(),
        members,
        owned,
        owned == 0 ? 1.0 : (double) majority / owned,
        foundOfTrue == 0 ? 1.0 : (double) keptTogether / foundOfTrue,
        overlap.size(),
        largest);
  }
}
