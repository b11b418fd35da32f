package org.fanzha.server.warnings;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.store.WarningTaskRepository;

/**
 * What the centre reports (预警 / 劝阻 / 挽损): tasks issued, still open, closed by outcome, and money
 * protected; per fraud type, per unit and per day the warning was raised (China time).
 */
public record WarningStats(
    long issued,
    long open,
    long dissuaded,
    long paid,
    long falseAlarms,
    long protectedFen,
    Map<String, Long> byType,
    Map<String, Long> byUnit,
    Map<String, Long> byDay) {

  /** Counts the tasks of some units ({@code []}: everywhere) in the store. */
  static WarningStats of(WarningTaskRepository tasks, List<String> unitPrefixes) {
    Map<String, Long> byOutcome = tasks.count(WarningTaskRepository.Grouping.OUTCOME, unitPrefixes);
    Map<String, Long> byDay = new TreeMap<>();
    tasks
        .count(WarningTaskRepository.Grouping.DAY, unitPrefixes)
        .forEach((day, n) -> byDay.put(LocalDate.ofEpochDay(Long.parseLong(day)).toString(), n));
    long issued = byOutcome.values().stream().mapToLong(Long::longValue).sum();
    return new WarningStats(
        issued,
        byOutcome.getOrDefault("open", 0L),
        byOutcome.getOrDefault("dissuaded", 0L),
        byOutcome.getOrDefault("paid", 0L),
        byOutcome.getOrDefault("false_alarm", 0L),
        tasks.protectedFen(unitPrefixes),
        tasks.count(WarningTaskRepository.Grouping.TYPE, unitPrefixes),
        tasks.count(WarningTaskRepository.Grouping.UNIT, unitPrefixes),
        byDay);
  }
}
