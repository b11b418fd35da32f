package org.fanzha.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The dissuasion task of one person's fraud episode (预警劝阻): what the warnings said, where it is
 * routed, and how it ended. Times named {@code ts} are event time; the others are the server's
 * clock.
 *
 * @param id the episode id of the engine's warnings
 * @param raisedTsMs event time of the first warning; {@code lastTsMs} of the latest one merged in
 * @param region GB/T 2260 code of the person's region, if known
 * @param severity the engine's level wire name ({@code critical}, {@code high}, {@code medium},
 *     {@code low})
 * @param unit the GB/T 2260 code of the unit that works it ({@code 000000}: the ministry)
 * @param channel {@code app_push}, {@code sms_12381}, {@code call_96110} or {@code visit}
 * @param status {@code open} or {@code closed}
 * @param outcome when closed: {@code dissuaded}, {@code paid} or {@code false_alarm}
 * @param version the number of steps in its timeline; a change is written over the version it was
 *     decided on
 */
public record WarningTask(
    String id,
    long raisedTsMs,
    long lastTsMs,
    @Nullable String victimPhone,
    @Nullable String victimAccount,
    @Nullable String contact,
    @Nullable String region,
    String severity,
    String fraudType,
    List<String> evidence,
    String unit,
    String channel,
    long dueAtMs,
    String status,
    @Nullable String outcome,
    long amountProtectedFen,
    @Nullable String note,
    @Nullable String closedBy,
    @Nullable Long closedAtMs,
    int version,
    long createdAtMs) {

  public static final String OPEN = "open";
  public static final String CLOSED = "closed";

  public WarningTask {
    evidence = List.copyOf(evidence);
  }

  public boolean isOpen() {
    return OPEN.equals(status);
  }

  /**
   * One entry of the timeline. {@code ref}: the engine's warning id of a {@code raised} step, else
   * null.
   */
  public record Step(
      int step, long atMs, String kind, String detail, String actor, @Nullable String ref) {}
}
