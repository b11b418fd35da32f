package org.fanzha.engine.rules;

import static org.fanzha.core.time.Millis.HOUR;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The params the engine's own steps read (not through a rule's condition): how calls and transfers
 * are counted, when a victim episode opens and ends, when risk propagates. They live in the rule
 * file like every threshold, and change with it.
 */
public final class EngineParams {

  /** Every param name the engine reads; a rule book must give each a value. */
  public static final Set<String> REQUIRED =
      Set.of(
          "night.start_hour",
          "night.end_hour",
          "call.short_s",
          "call.long_s",
          "victim.long_call_s",
          "victim.window_h",
          "victim.link_window_h",
          "victim.min_yuan",
          "victim.young_payee_days",
          "victim.quiet_large_yuan",
          "victim.high_call_score",
          "victim.recent_call_h",
          "victim.reported_target_high",
          "mule.fast_min",
          "mule.fast_share",
          "mule.taint_h",
          "suspect.score",
          "propagate.score",
          "role.min_score",
          "content.min_score",
          "device.eval_min_phones");

  /**
   * Params added after rule files were in use, with the value a file that gives none scores with
   * (the shipped file gives each): a file written before them still loads.
   */
  public static final Map<String, Double> DEFAULTS =
      Map.ofEntries(
          Map.entry("victim.lure_h", 336.0),
          Map.entry("mule.hold_h", 72.0),
          Map.entry("victim.link_lapse", 30.0),
          Map.entry("victim.rebate_h", 3.0),
          Map.entry("content.hint_min_score", 0.4),
          Map.entry("phone.switch_min", 60.0),
          Map.entry("subscriber.base", 50.0),
          Map.entry("subscriber.band_a", 80.0),
          Map.entry("subscriber.band_b", 60.0),
          Map.entry("subscriber.band_c", 40.0),
          Map.entry("state.idle_days", 0.0));

  /**
   * A band's limits on a subscriber (absent: no such limit), read by the subscriber score, not by
   * rules.
   */
  private static final Pattern LIMIT =
      Pattern.compile("subscriber\\.limits\\.[abcd]\\.(calls_per_day|sms_per_day|international)");

  /**
   * Returns whether the engine itself reads a param of this name (a rule file may give it though no
   * rule uses it).
   */
  public static boolean readByEngine(String name) {
    return REQUIRED.contains(name) || DEFAULTS.containsKey(name) || LIMIT.matcher(name).matches();
  }

  public final int nightStart;
  public final int nightEnd;
  public final int shortS;
  public final int longS;
  public final int victimLongS;
  public final long victimWindowMs;
  public final long linkWindowMs;

  /**
   * How long the fraud type of a lure a person received is remembered: long cons (杀猪盘) pay days
   * after it.
   */
  public final long lureWindowMs;

  public final long victimMinYuan;

  /**
   * A person in an episode who received a small sum (under {@code victim.min_yuan}) this recently
   * and now pays is taken to be doing the brushing scam's "tasks": the gang pays a little
   * commission first (刷单返利). It names the episode's type only.
   */
  public final long rebateMs;

  public final double youngPayeeDays;
  public final long quietLargeYuan;

  /**
   * A caller scoring this much or more makes the contact of a long call a high-severity warning.
   */
  public final int highCallScore;

  /** A call this recent before a device signal or transfer belongs to the same episode. */
  public final long recentCallMs;

  /** A device target reported this many times makes its use a high-severity warning. */
  public final int reportedTargetHigh;

  public final int fastSec;
  public final double fastShare;

  /** Money a tainted account pays on within this long carries the taint. */
  public final long taintMs;

  /**
   * An account paying a known mule with money that came in this recently is passing it on, however
   * slowly (压卡: mules hold funds for a day or two and pay them on in parts), not a victim paying.
   */
  public final long muleHoldMs;

  /**
   * A number held on victim links its rules no longer grant keeps them until it has placed more
   * than this many long first calls per link: a margin above the specificity the rules ask for, so
   * that a fraud number's links do not come and go with each call.
   */
  public final int linkLapseContacts;

  public final int suspect;

  /**
   * How long an entity that holds nothing (no score at the suspect line, no role, no listing, no
   * episode) is kept after it was last seen; 0 keeps every entity (decision 0027).
   */
  public final long idleMs;

  public final int propagate;
  public final double contentMin;

  /**
   * A message whose content verdict leans toward fraud this much (below {@link #contentMin}) names
   * the type of an episode its receiver is in when nothing stronger does; it is evidence against no
   * one.
   */
  public final double hintMin;

  /** Calls from two handsets this close together are a quick switch ({@code handset_switches}). */
  public final long quickSwitchMs;

  /** A handset is scored once this many numbers have used it. */
  public final int deviceEvalMinPhones;

  public EngineParams(RuleBook b) {
    nightStart = integer(b, "night.start_hour");
    nightEnd = integer(b, "night.end_hour");
    shortS = integer(b, "call.short_s");
    longS = integer(b, "call.long_s");
    victimLongS = integer(b, "victim.long_call_s");
    victimWindowMs = (long) (b.param("victim.window_h") * HOUR);
    linkWindowMs = (long) (b.param("victim.link_window_h") * HOUR);
    lureWindowMs = (long) (b.param("victim.lure_h") * HOUR);
    victimMinYuan = integer(b, "victim.min_yuan");
    rebateMs = (long) (b.param("victim.rebate_h") * HOUR);
    youngPayeeDays = b.param("victim.young_payee_days");
    quietLargeYuan = integer(b, "victim.quiet_large_yuan");
    highCallScore = integer(b, "victim.high_call_score");
    recentCallMs = (long) (b.param("victim.recent_call_h") * HOUR);
    reportedTargetHigh = integer(b, "victim.reported_target_high");
    fastSec = integer(b, "mule.fast_min") * 60;
    fastShare = b.param("mule.fast_share");
    taintMs = (long) (b.param("mule.taint_h") * HOUR);
    muleHoldMs = (long) (b.param("mule.hold_h") * HOUR);
    linkLapseContacts = integer(b, "victim.link_lapse");
    suspect = integer(b, "suspect.score");
    propagate = integer(b, "propagate.score");
    contentMin = b.param("content.min_score");
    hintMin = b.param("content.hint_min_score");
    deviceEvalMinPhones = integer(b, "device.eval_min_phones");
    quickSwitchMs = (long) (b.param("phone.switch_min") * 60_000);
    idleMs = (long) (b.param("state.idle_days") * 24 * HOUR);
  }

  private static int integer(RuleBook b, String name) {
    return (int) Math.round(b.param(name));
  }
}
