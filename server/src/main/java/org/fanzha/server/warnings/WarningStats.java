package org.fanzha.server.warnings;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.store.WarningTask;

/**
 * What the centre reports (预警 / 劝阻 / 挽损): tasks issued, still open, closed by outcome, and money protected; per
 * fraud type, per unit and per day the warning was raised (China time).
 */
public record WarningStats(long issued, long open, long dissuaded, long paid, long falseAlarms, long protectedFen,
    Map<String, Long> byType, Map<String, Long> byUnit, Map<String, Long> byDay) {
  private static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");

  static WarningStats of(List<WarningTask> tasks) {
    long open = 0;
    long dissuaded = 0;
    long paid = 0;
    long falseAlarms = 0;
    long protectedFen = 0;
    Map<String, Long> byType = new TreeMap<>();
    Map<String, Long> byUnit = new TreeMap<>();
    Map<String, Long> byDay = new TreeMap<>();
    for (WarningTask t : tasks) {
      if (t.isOpen()) {
        open++;
      } else if ("dissuaded".equals(t.outcome())) {
        dissuaded++;
      } else if ("paid".equals(t.outcome())) {
        paid++;
      } else if ("false_alarm".equals(t.outcome())) {
        falseAlarms++;
      }
      protectedFen += t.amountProtectedFen();
      byType.merge(t.fraudType(), 1L, Long::sum);
      byUnit.merge(t.unit(), 1L, Long::sum);
      byDay.merge(java.time.Instant.ofEpochMilli(t.raisedTsMs()).atZone(CHINA).toLocalDate().toString(), 1L, Long::sum);
    }
    return new WarningStats(tasks.size(), open, dissuaded, paid, falseAlarms, protectedFen, byType, byUnit, byDay);
  }
}
