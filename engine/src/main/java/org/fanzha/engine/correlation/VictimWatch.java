package org.fanzha.engine.correlation;

import static org.fanzha.core.time.Millis.HOUR;
import static org.fanzha.engine.features.FeatureTable.EPOCH_BASE_MS;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;
import org.fanzha.core.event.FraudType;
import org.fanzha.engine.Level;
import org.fanzha.engine.Warning;
import org.fanzha.engine.features.Snapshots;
import org.jspecify.annotations.Nullable;

/**
 * Tracks fraud episodes of likely victims, keyed by the victim's phone id, and raises a {@link
 * Warning} whenever an episode's severity rises or its fraud type becomes known. An episode has
 * stages (bits): {@link #CONTACT} a long call from a suspected fraud number or fraudulent content,
 * {@link #REMOTE} screen sharing or remote control, {@link #PAID} money sent to a suspicious
 * account. Episodes end {@code windowMs} after their last step. Sparse: only people in an episode,
 * or who recently had a long call from a stranger, take memory here.
 *
 * <p>An episode may be <em>quiet</em>: its steps are remembered but no warning was raised yet
 * ({@link #note}), e.g. a screen share after a long call from a caller nobody suspects (most often
 * a colleague or a relative). A later step can raise the warning, and so can the caller becoming
 * suspected ({@link #callerSuspected}).
 */
public final class VictimWatch {

  public static final int CONTACT = 1;
  public static final int REMOTE = 2;
  public static final int PAID = 4;
  private static final int MAX_EVIDENCE = 16;

  /**
   * Marks a lure the person engaged with (followed its link, installed its app): later messages do
   * not replace it.
   */
  private static final int ENGAGED = 1 << 8;

  /**
   * Marks a message whose content only leans toward fraud: it names the type of an episode, never
   * opens one.
   */
  private static final int HINT = 1 << 9;

  /**
   * Above the flags, the hour (since the epoch base) a lure or hint came in, so that each is
   * forgotten in time.
   */
  private static final int HOUR_SHIFT = 10;

  /**
   * A fraud type is stored as ordinal + 1 in the low byte; above it, how strong the evidence for it
   * is.
   */
  private static final int TYPE = 0xFF;

  private static final class Episode {
    String id = "";
    int fraudPhone = -1;
    long startTs;
    long lastTs;
    int stage;
    int severity = -1; // Level ordinal of the last warning, -1 none
    int fraudType; // ordinal + 1, and above the low byte the strength of its evidence
    // (EpisodeTypes)
    long lastPaidYuan; // the episode's last payment, to see payments that keep growing
    @Nullable String account;
    final ArrayList<String> evidence = new ArrayList<>(4);
  }

  private long windowMs;
  private long lureWindowMs;
  private final Int2ObjectOpenHashMap<Episode> episodes = new Int2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<String> lastLongCall = new Int2ObjectOpenHashMap<>();

  /**
   * The fraud type of the last fraudulent message a phone received (ordinal + 1), or of the one the
   * person engaged with ({@link #ENGAGED}): what a later step is about.
   */
  private final Int2IntOpenHashMap lures = new Int2IntOpenHashMap();

  /**
   * Quiet episodes by the name of the caller they name, each victim by name with the time of the
   * episode's last quiet step: who to warn when that caller becomes suspected. By names, so that a
   * runner that keeps people apart (decision 0042) can keep it while the episodes are away; an
   * entry outlives its episode until a pass ends it, and {@link #callerSuspected} checks the
   * episode.
   */
  private final Object2ObjectOpenHashMap<String, Object2LongOpenHashMap<String>> quietByCaller =
      new Object2ObjectOpenHashMap<>();

  private final List<Warning> pending = new ArrayList<>();
  private final IntFunction<String> personNames;
  private final IntFunction<String> numberNames;

  /** The time of the last pass that ended episodes ({@link #expire}), 0 before the first. */
  private long expiredAt;

  /** {@link #expiredAt} as it was at the owner's last idle sweep ({@link #markSweep}). */
  private long expiredAtSweep;

  /**
   * Creates a watch whose episodes last {@code windowMs} after their last step, whose people and
   * numbers are ids {@code phoneNames} names alike (the one-state engine's phones).
   */
  public VictimWatch(long windowMs, IntFunction<String> phoneNames) {
    this(windowMs, phoneNames, phoneNames);
  }

  /**
   * Creates a watch whose episodes last {@code windowMs} after their last step; {@code personNames}
   * names a person's id, {@code numberNames} a number's (the suspected fraud number a warning
   * names), which a keyed share keeps apart from its people.
   */
  public VictimWatch(
      long windowMs, IntFunction<String> personNames, IntFunction<String> numberNames) {
    this.windowMs = windowMs;
    this.lureWindowMs = windowMs;
    this.personNames = personNames;
    this.numberNames = numberNames;
  }

  /**
   * Sets how long episodes last after their last step, and how long a lure's fraud type is
   * remembered after the last fraudulent message (a new rule book may change them).
   */
  public void window(long windowMs, long lureWindowMs) {
    this.windowMs = windowMs;
    this.lureWindowMs = lureWindowMs;
  }

  /** Remembers the id of the last long first-contact call a phone received (evidence for later). */
  public void rememberLongCall(int victim, String callEventId) {
    lastLongCall.put(victim, callEventId);
  }

  /** Returns the id of the last long first-contact call a phone received, or {@code null}. */
  public @Nullable String lastLongCall(int victim) {
    return lastLongCall.get(victim);
  }

  /**
   * Remembers the fraud type (ordinal + 1) of a fraudulent message the phone received, unless the
   * person engaged with an earlier one: a blast of another kind arriving later says nothing about
   * the fraud they are in.
   */
  public void rememberLure(int victim, int fraudType, long ts) {
    if (fraudType != 0 && (lures.get(victim) & ENGAGED) == 0) {
      lures.put(victim, fraudType | hour(ts) << HOUR_SHIFT);
    }
  }

  /**
   * Remembers the fraud type of a message whose content leans toward fraud without being sure of
   * it, unless the phone holds a lure: it names an episode that other evidence opened when nothing
   * stronger does.
   */
  public void rememberHint(int victim, int fraudType, long ts) {
    int held = lures.get(victim);
    if (fraudType != 0 && (held == 0 || (held & HINT) != 0)) {
      lures.put(victim, fraudType | HINT | hour(ts) << HOUR_SHIFT);
    }
  }

  private static int hour(long ts) {
    return (int) Math.max(1, Math.min((1 << (32 - HOUR_SHIFT)) - 1, (ts - EPOCH_BASE_MS) / HOUR));
  }

  /**
   * Marks the lure the phone holds as the one its person engaged with (a link followed, an app
   * installed).
   */
  public void engageLure(int victim) {
    int lure = lures.get(victim);
    if (lure != 0 && (lure & HINT) == 0) {
      lures.put(victim, lure | ENGAGED);
    }
  }

  /**
   * Returns the fraud type (ordinal + 1) of the lure the phone holds (see {@link #rememberLure}),
   * or 0.
   */
  public int lureType(int victim) {
    int lure = lures.get(victim);
    return (lure & HINT) != 0 ? 0 : lure & TYPE;
  }

  /**
   * Returns the fraud type (ordinal + 1) of the hint the phone holds (see {@link #rememberHint}),
   * or 0.
   */
  public int hintType(int victim) {
    int lure = lures.get(victim);
    return (lure & HINT) != 0 ? lure & TYPE : 0;
  }

  /**
   * Returns the open episode's last payment in yuan (0 when none): payments that keep growing mark
   * task scams.
   */
  public long lastPaid(int victim, long now) {
    Episode e = episodes.get(victim);
    return e == null || now - e.lastTs > windowMs ? 0 : e.lastPaidYuan;
  }

  /** Remembers a payment of the open episode. */
  public void paid(int victim, long yuan, long now) {
    Episode e = episodes.get(victim);
    if (e != null && now - e.lastTs <= windowMs) {
      e.lastPaidYuan = yuan;
    }
  }

  /** Returns the stage bits of the victim's episode still open at {@code now} (0 when none). */
  public int stage(int victim, long now) {
    Episode e = episodes.get(victim);
    return e == null || now - e.lastTs > windowMs ? 0 : e.stage;
  }

  /**
   * Returns the stage bits of the victim's open episode if a warning was raised in it (0 when none
   * is open or it is quiet): what the victim's own risk may rest on.
   */
  public int warnedStage(int victim, long now) {
    Episode e = episodes.get(victim);
    return e == null || now - e.lastTs > windowMs || e.severity < 0 ? 0 : e.stage;
  }

  /** Returns whether the victim has an open episode in which no warning was raised yet. */
  public boolean quiet(int victim, long now) {
    Episode e = episodes.get(victim);
    return e != null && now - e.lastTs <= windowMs && e.severity < 0;
  }

  /** Returns the suspected fraud number of the open episode, or -1. */
  public int fraudPhone(int victim, long now) {
    Episode e = episodes.get(victim);
    return e == null || now - e.lastTs > windowMs ? -1 : e.fraudPhone;
  }

  /**
   * Records a step of an episode (opening one when none is open) and queues a warning when its
   * severity rises, or when it names the fraud type of an episode already warned without one or on
   * weaker evidence (the desk retypes the case: a caller reported for police impersonation
   * overrules the payee's other victims); returns whether a warning was queued.
   *
   * @param fraudPhone the suspected fraud number, or -1 when unknown
   * @param fraudType ordinal + 1 of the fraud type, or 0
   * @param evidence ids of the events behind this step, oldest first
   */
  public boolean step(
      int victim,
      String victimPhone,
      @Nullable String account,
      int stage,
      Level severity,
      int fraudPhone,
      int fraudType,
      long ts,
      String eventId,
      String... evidence) {
    Episode e = episodes.get(victim);
    int typeBefore = e == null || ts - e.lastTs > windowMs ? 0 : e.fraudType;
    e = record(victim, account, stage, fraudPhone, fraudType, ts, eventId, evidence);
    boolean typedNow =
        e.severity >= 0
            && (e.fraudType & TYPE) != (typeBefore & TYPE)
            && (typeBefore == 0 || e.fraudType >>> 8 > typeBefore >>> 8);
    if (severity.ordinal() <= e.severity && !typedNow) {
      return false; // neither more severe nor newly typed: the warning out already says it
    }
    e.severity = Math.max(e.severity, severity.ordinal());
    pending.add(warning("W-" + eventId, ts, victimPhone, e, Level.values()[e.severity]));
    return true;
  }

  /**
   * Records a step without warning (opening a quiet episode when none is open). When the episode is
   * still quiet and names a caller, that caller is remembered so that {@link #callerSuspected} can
   * raise the warning later.
   *
   * @param fraudPhone the caller behind the step (not yet suspected), or -1
   */
  public void note(
      int victim,
      int stage,
      int fraudPhone,
      int fraudType,
      long ts,
      String eventId,
      String... evidence) {
    Episode e = record(victim, null, stage, fraudPhone, fraudType, ts, eventId, evidence);
    if (e.severity < 0 && e.fraudPhone >= 0) {
      addQuiet(numberNames.apply(e.fraudPhone), personNames.apply(victim), e.lastTs);
    }
  }

  /**
   * Raises a warning of {@code severity} in every open quiet episode that names the number {@code
   * caller} (which has just become suspected) and hands each such victim to {@code warned}; returns
   * how many were warned. {@code personIds} finds a person's id by name (-1: none held).
   */
  public int callerSuspected(
      String caller,
      Level severity,
      long ts,
      String eventId,
      ToIntFunction<String> personIds,
      IntConsumer warned) {
    Object2LongOpenHashMap<String> quiet = quietByCaller.remove(caller);
    if (quiet == null) {
      return 0;
    }
    String[] names = quiet.keySet().toArray(new String[0]);
    Arrays.sort(names); // the same order live, after a restore and in every runner
    int n = 0;
    for (String name : names) {
      int v = personIds.applyAsInt(name);
      Episode e = v < 0 ? null : episodes.get(v);
      if (e != null
          && ts - e.lastTs <= windowMs
          && e.severity < 0
          && e.fraudPhone >= 0
          && caller.equals(numberNames.apply(e.fraudPhone))) {
        record(v, null, 0, e.fraudPhone, 0, ts, eventId);
        e.severity = severity.ordinal();
        // one event may warn several people: their warning ids differ by the episode's first
        // evidence, which names the same warning in every runner, however its people are split
        // (decision 0023)
        pending.add(warning("W-" + eventId + "-" + e.evidence.get(0), ts, name, e, severity));
        warned.accept(v);
        n++;
      }
    }
    return n;
  }

  /**
   * Returns the names of the people whose quiet episodes may name {@code caller}, in name order:
   * who a runner that keeps people apart reads back before {@link #callerSuspected}.
   */
  public List<String> quietVictims(String caller) {
    Object2LongOpenHashMap<String> quiet = quietByCaller.get(caller);
    if (quiet == null) {
      return List.of();
    }
    String[] names = quiet.keySet().toArray(new String[0]);
    Arrays.sort(names);
    return List.of(names);
  }

  private Warning warning(String id, long ts, String victimPhone, Episode e, Level severity) {
    int code = e.fraudType & TYPE;
    FraudType type = code == 0 ? FraudType.OTHER : FraudType.values()[code - 1];
    String contact = e.fraudPhone >= 0 ? numberNames.apply(e.fraudPhone) : null;
    return new Warning(id, ts, victimPhone, e.account, severity, type, e.evidence, e.id, contact);
  }

  private void addQuiet(String caller, String victim, long lastTs) {
    Object2LongOpenHashMap<String> victims = quietByCaller.get(caller);
    if (victims == null) {
      victims = new Object2LongOpenHashMap<>(2);
      quietByCaller.put(caller, victims);
    }
    if (lastTs > victims.getLong(victim)) {
      victims.put(victim, lastTs);
    }
  }

  private Episode record(
      int victim,
      @Nullable String account,
      int stage,
      int fraudPhone,
      int fraudType,
      long ts,
      String eventId,
      String... evidence) {
    Episode e = episodes.get(victim);
    if (e == null || ts - e.lastTs > windowMs) {
      e = new Episode();
      e.startTs = ts;
      episodes.put(victim, e);
    }
    e.lastTs = Math.max(e.lastTs, ts);
    e.stage |= stage;
    if (fraudPhone >= 0) {
      e.fraudPhone = fraudPhone;
    }
    if (fraudType != 0 && fraudType >>> 8 >= e.fraudType >>> 8) {
      e.fraudType =
          fraudType; // weaker evidence does not overwrite the type stronger evidence named
    }
    if (account != null) {
      e.account = account;
    }
    for (String id : evidence) {
      if (e.evidence.size() < MAX_EVIDENCE && !e.evidence.contains(id)) {
        e.evidence.add(id);
      }
    }
    if (e.evidence.size() < MAX_EVIDENCE && !e.evidence.contains(eventId)) {
      e.evidence.add(eventId);
    }
    if (e.id.isEmpty()) {
      e.id =
          "E-"
              + e.evidence.get(
                  0); // named after its oldest evidence: stable live and after a restore
    }
    return e;
  }

  /** Returns the warnings raised since the last call, oldest first, and forgets them. */
  public List<Warning> drain() {
    List<Warning> out = List.copyOf(pending);
    pending.clear();
    return out;
  }

  /** Returns how many warnings wait to be drained. */
  public int pendingCount() {
    return pending.size();
  }

  /**
   * Forgets episodes, remembered calls and messages that ended before {@code now − window}; {@code
   * longCallTs} and {@code fraudContactTs} read a person's last long call and fraudulent message.
   */
  public void expire(long now, IntToLongFunction longCallTs, IntToLongFunction fraudContactTs) {
    expiredAt = Math.max(expiredAt, now);
    episodes.int2ObjectEntrySet().removeIf(en -> ended(en.getValue(), now));
    lastLongCall
        .int2ObjectEntrySet()
        .removeIf(en -> now - longCallTs.applyAsLong(en.getIntKey()) > windowMs);
    lures
        .int2IntEntrySet()
        .removeIf(
            en -> lureEnded(en.getIntValue(), fraudContactTs.applyAsLong(en.getIntKey()), now));
    quietByCaller
        .values()
        .removeIf(
            victims -> {
              victims.object2LongEntrySet().removeIf(v -> now - v.getLongValue() > windowMs);
              return victims.isEmpty();
            });
  }

  private boolean ended(Episode e, long now) {
    return now - e.lastTs > windowMs;
  }

  private boolean lureEnded(int lure, long fraudContactTs, long now) {
    int hour = lure >>> HOUR_SHIFT; // 0: kept by a snapshot before format 13, timed by the contact
    long at = hour != 0 ? EPOCH_BASE_MS + hour * HOUR : fraudContactTs;
    return now - at > lureWindowMs;
  }

  /**
   * Remembers the last pass as the one before the owner's idle sweep: what a person kept apart over
   * the sweep had ended when the sweep looked at it ({@link #expirePerson}).
   */
  public void markSweep() {
    expiredAtSweep = expiredAt;
  }

  /**
   * Ends what the passes ran while person {@code v} was kept apart would have ended: as of the pass
   * before the owner's last idle sweep ({@code atSweep}), or as of the last pass.
   */
  public void expirePerson(int v, boolean atSweep, long longCallTs, long fraudContactTs) {
    long now = atSweep ? expiredAtSweep : expiredAt;
    if (now == 0) {
      return;
    }
    Episode e = episodes.get(v);
    if (e != null && ended(e, now)) {
      episodes.remove(v);
    }
    if (lastLongCall.containsKey(v) && now - longCallTs > windowMs) {
      lastLongCall.remove(v);
    }
    if (lures.containsKey(v) && lureEnded(lures.get(v), fraudContactTs, now)) {
      lures.remove(v);
    }
  }

  /** Rebuilds the index of quiet episodes by caller from the open episodes. */
  public void indexQuiet() {
    quietByCaller.clear();
    episodes
        .int2ObjectEntrySet()
        .forEach(
            en -> {
              Episode e = en.getValue();
              if (e.severity < 0 && e.fraudPhone >= 0) {
                addQuiet(
                    numberNames.apply(e.fraudPhone), personNames.apply(en.getIntKey()), e.lastTs);
              }
            });
  }

  /** Returns open episodes (for stats). */
  public int episodes() {
    return episodes.size();
  }

  /**
   * Hands every person this watch holds something for (an episode, a lure or a long call
   * remembered) to {@code sink}, some more than once: an idle phone among them is not forgotten
   * (decision 0027).
   */
  public void forEachPerson(IntConsumer sink) {
    episodes.keySet().forEach(sink);
    lastLongCall.keySet().forEach(sink);
    lures.keySet().forEach(sink);
  }

  /** Hands every number an open episode names as its fraud number to {@code sink}. */
  public void forEachNumber(IntConsumer sink) {
    episodes
        .values()
        .forEach(
            e -> {
              if (e.fraudPhone >= 0) {
                sink.accept(e.fraudPhone);
              }
            });
  }

  /** Returns whether this watch holds anything for person {@code v}. */
  public boolean holdsPerson(int v) {
    return episodes.containsKey(v) || lastLongCall.containsKey(v) || lures.containsKey(v);
  }

  /** Forgets what this watch holds for person {@code v} (its runner keeps it elsewhere). */
  public void forgetPerson(int v) {
    episodes.remove(v);
    lastLongCall.remove(v);
    lures.remove(v);
  }

  /**
   * Gives every episode's fraud number the id {@code renumber} maps it to: a share that came to
   * keep its numbers apart from its people.
   */
  public void renumber(IntUnaryOperator renumber) {
    episodes
        .values()
        .forEach(
            e -> {
              if (e.fraudPhone >= 0) {
                e.fraudPhone = renumber.applyAsInt(e.fraudPhone);
              }
            });
  }

  /** Returns an estimate of the bytes held. */
  public long approxBytes() {
    return episodes.size() * 168L
        + lastLongCall.size() * 80L
        + quietByCaller.size() * 64L
        + lures.size() * 16L;
  }

  /** Writes episodes, remembered calls and pending warnings are not included (drain first). */
  public void write(DataOutputStream out) throws IOException {
    // keys in ascending order, not hash order (which depends on the map's history): a restored
    // watch then writes the same bytes
    int[] keys = episodes.keySet().toIntArray();
    Arrays.sort(keys);
    out.writeInt(keys.length);
    for (int key : keys) {
      out.writeInt(key);
      writeEpisode(out, episodes.get(key), null);
    }
    int[] calls = lastLongCall.keySet().toIntArray();
    Arrays.sort(calls);
    out.writeInt(calls.length);
    for (int key : calls) {
      out.writeInt(key);
      Snapshots.writeString(out, lastLongCall.get(key));
    }
    int[] lured = lures.keySet().toIntArray();
    Arrays.sort(lured);
    out.writeInt(lured.length);
    for (int key : lured) {
      out.writeInt(key);
      out.writeInt(lures.get(key));
    }
    out.writeLong(expiredAt);
    out.writeLong(expiredAtSweep);
  }

  /**
   * Writes an episode, its fraud number by id, or by name when {@code byName} is given (a person
   * kept apart: the number is another key).
   */
  private void writeEpisode(DataOutputStream out, Episode e, @Nullable IntFunction<String> byName)
      throws IOException {
    Snapshots.writeString(out, e.id);
    if (byName == null) {
      out.writeInt(e.fraudPhone);
    } else {
      out.writeBoolean(e.fraudPhone >= 0);
      if (e.fraudPhone >= 0) {
        out.writeUTF(byName.apply(e.fraudPhone));
      }
    }
    out.writeLong(e.startTs);
    out.writeLong(e.lastTs);
    out.writeInt(e.stage);
    out.writeInt(e.severity);
    out.writeInt(e.fraudType);
    out.writeLong(e.lastPaidYuan);
    out.writeBoolean(e.account != null);
    if (e.account != null) {
      Snapshots.writeString(out, e.account);
    }
    out.writeInt(e.evidence.size());
    for (String id : e.evidence) {
      Snapshots.writeString(out, id);
    }
  }

  /** Reads what {@link #write} wrote into this empty watch, and indexes its quiet episodes. */
  public void read(DataInputStream in) throws IOException {
    read(in, 16);
    indexQuiet();
  }

  /**
   * Reads a watch written by an engine snapshot of {@code version}: 4 had no episode ids (named
   * after their oldest evidence, as now), 5 no payments or lure types (none remembered), 15 not the
   * times of the last passes (none: a person kept apart is ended by the next). Its quiet episodes
   * are indexed by {@link #indexQuiet} once its numbers can be named.
   */
  public void read(DataInputStream in, int version) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      int key = in.readInt();
      episodes.put(key, readEpisode(in, version, null));
    }
    int l = in.readInt();
    for (int i = 0; i < l; i++) {
      lastLongCall.put(in.readInt(), Snapshots.readString(in));
    }
    int lured = version >= 6 ? in.readInt() : 0;
    for (int i = 0; i < lured; i++) {
      lures.put(in.readInt(), in.readInt());
    }
    if (version >= 16) {
      expiredAt = in.readLong();
      expiredAtSweep = in.readLong();
    }
  }

  private static Episode readEpisode(
      DataInputStream in, int version, @Nullable ToIntFunction<String> numberIds)
      throws IOException {
    Episode e = new Episode();
    e.id = version >= 5 ? Snapshots.readString(in) : "";
    if (numberIds == null) {
      e.fraudPhone = in.readInt();
    } else if (in.readBoolean()) {
      e.fraudPhone = numberIds.applyAsInt(in.readUTF());
    }
    e.startTs = in.readLong();
    e.lastTs = in.readLong();
    e.stage = in.readInt();
    e.severity = in.readInt();
    e.fraudType = in.readInt();
    e.lastPaidYuan = version >= 6 ? in.readLong() : 0;
    if (in.readBoolean()) {
      e.account = Snapshots.readString(in);
    }
    int m = in.readInt();
    if (m < 0 || m > MAX_EVIDENCE) {
      throw new IOException(m + " pieces of evidence");
    }
    for (int k = 0; k < m; k++) {
      e.evidence.add(Snapshots.readString(in));
    }
    if (e.id.isEmpty() && !e.evidence.isEmpty()) {
      e.id = "E-" + e.evidence.get(0);
    }
    return e;
  }

  /**
   * Writes what this watch holds for person {@code v} (decision 0042): its episode, the fraud
   * number by name; its last long call; its lure.
   */
  public void writePerson(DataOutputStream out, int v) throws IOException {
    Episode e = episodes.get(v);
    out.writeBoolean(e != null);
    if (e != null) {
      writeEpisode(out, e, numberNames);
    }
    String call = lastLongCall.get(v);
    out.writeBoolean(call != null);
    if (call != null) {
      out.writeUTF(call);
    }
    out.writeInt(lures.get(v));
  }

  /**
   * Reads what {@link #writePerson} wrote, for person {@code v} (it holds nothing now); {@code
   * numberIds} gives the fraud number its id here.
   */
  public void readPerson(DataInputStream in, int v, ToIntFunction<String> numberIds)
      throws IOException {
    Episode e = in.readBoolean() ? readEpisode(in, 6, numberIds) : null;
    String call = in.readBoolean() ? in.readUTF() : null;
    int lure = in.readInt();
    if (e != null) {
      episodes.put(v, e);
    }
    if (call != null) {
      lastLongCall.put(v, call);
    }
    if (lure != 0) {
      lures.put(v, lure);
    }
  }

  /**
   * Writes what this watch holds beside its people: the quiet episodes by caller and the times of
   * its last passes (a runner that keeps people apart keeps these with their key group).
   */
  public void writeShared(DataOutputStream out) throws IOException {
    out.writeLong(expiredAt);
    out.writeLong(expiredAtSweep);
    String[] callers = quietByCaller.keySet().toArray(new String[0]);
    Arrays.sort(callers);
    out.writeInt(callers.length);
    for (String caller : callers) {
      Object2LongOpenHashMap<String> victims =
          java.util.Objects.requireNonNull(quietByCaller.get(caller));
      String[] names = victims.keySet().toArray(new String[0]);
      Arrays.sort(names);
      out.writeUTF(caller);
      out.writeInt(names.length);
      for (String name : names) {
        out.writeUTF(name);
        out.writeLong(victims.getLong(name));
      }
    }
  }

  /** Reads what {@link #writeShared} wrote, in place of what this watch held beside its people. */
  public void readShared(DataInputStream in) throws IOException {
    expiredAt = in.readLong();
    expiredAtSweep = in.readLong();
    quietByCaller.clear();
    for (int n = in.readInt(); n > 0; n--) {
      String caller = in.readUTF();
      for (int m = in.readInt(); m > 0; m--) {
        addQuiet(caller, in.readUTF(), in.readLong());
      }
    }
  }
}
