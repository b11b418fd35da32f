package org.fanzha.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.fanzha.core.event.Event;

/**
 * A synthetic city built from a {@link SimConfig}: its people and the fraud plan exist after {@link
 * #generate}; the bulk of the events (daily life, heavy callers, SIM-farm traffic) is made lazily,
 * window by window, each time {@link #forEachEvent} runs, and is identical every time.
 */
public final class World {
  /*
   * Streaming in time order with bounded memory:
   *
   * 1. Time is cut into windows: twelve one-year history windows (card openings of residents), then
   *    one window per simulated day. Each window's generators draw from their own SplittableRandom,
   *    seeded from (seed, generator, window), so a window can be regenerated alone and identically.
   * 2. The fraud plan (infrastructure openings, hook calls, victims' transfers, mule chains,
   *    cash-out, reports) is small and made up front, because ground truth depends on it; it is
   *    sorted once and merged into the windows by a cursor.
   * 3. A window's events are stably sorted by time (ties keep generation order). Events that fall
   *    past the window's end (a callback at 23:58, a mule hop after midnight) are carried into the
   *    next window, so the output is non-decreasing in time without a global sort.
   * Memory is about one day's events (~250 bytes each), not the whole run.
   */

  private static final Comparator<Event> BY_TIME = Comparator.comparingLong(Event::ts);

  private final SimConfig config;
  private final Population population;
  private final NormalLife normal;
  private final HeavyWork heavy;
  private final FraudPlan plan;
  private final FarmTraffic farms;
  private final HardNegatives benign;
  private final LookAlikes lookAlikes;
  private final GroundTruth truth;
  private volatile long eventCount = -1;

  private World(SimConfig config) {
    this.config = config;
    Synth ids = new Synth(config.seed());
    this.population = new Population(config, ids);
    this.normal = new NormalLife(config, population);
    this.heavy = new HeavyWork(config, population);
    this.plan = new FraudPlan(config, population, ids);
    this.farms = new FarmTraffic(config, population, plan, ids);
    this.benign = new HardNegatives(config, population, ids, plan);
    this.lookAlikes = new LookAlikes(config, population, ids, plan, benign);
    plan.addUpFront(lookAlikes.upFront());
    this.truth = plan.labels().build(config.endMillis());
  }

  /**
   * Returns the world of this config: population, gangs and fraud plan fixed, events not yet made.
   */
  public static World generate(SimConfig config) {
    return new World(config);
  }

  /** Returns the config this world was built from. */
  public SimConfig config() {
    return config;
  }

  /**
   * Feeds every event, in non-decreasing time order, to the sink. Each call regenerates the same
   * sequence. Ground-truth labels are not part of it (see {@link #truth()}).
   */
  public void forEachEvent(Consumer<? super Event> sink) {
    List<Event> planned = plan.events();
    int cursor = 0;
    List<Event> carry = new ArrayList<>();
    long count = 0;
    int windows = NormalLife.HISTORY_WINDOWS + config.days();
    for (int w = 0; w < windows; w++) {
      List<Event> buf = new ArrayList<>(carry);
      carry.clear();
      long end;
      if (w < NormalLife.HISTORY_WINDOWS) {
        end = normal.historyStart(w + 1);
        normal.history(w, buf);
      } else {
        int day = w - NormalLife.HISTORY_WINDOWS;
        end = config.startMillis() + (day + 1) * 86_400_000L;
        normal.day(day, buf);
        heavy.day(day, buf);
        farms.day(day, buf);
        benign.day(day, buf); // shops settle what today's payments above brought in
        lookAlikes.day(day, buf);
      }
      boolean last = w == windows - 1;
      while (cursor < planned.size() && (last || planned.get(cursor).ts() < end)) {
        buf.add(planned.get(cursor++));
      }
      sortByTime(buf);
      for (Event e : buf) {
        if (!last && e.ts() >= end) {
          carry.add(e);
        } else {
          sink.accept(e);
          count++;
        }
      }
    }
    eventCount = count;
  }

  /**
   * Sorts stably by time. Packs (time offset, position) into one long and sorts primitives: several
   * times faster than a comparator sort of the objects (the sort was the largest cost of a pass).
   */
  static void sortByTime(List<Event> buf) {
    int n = buf.size();
    if (n < 2) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Event e : buf) {
      min = Math.min(min, e.ts());
      max = Math.max(max, e.ts());
    }
    if (max - min >= (1L << 39) || n >= (1 << 24)) {
      buf.sort(BY_TIME); // beyond the packed key's range: fall back to the stable object sort
      return;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((buf.get(i).ts() - min) << 24) | i;
    }
    java.util.Arrays.sort(keys);
    Event[] sorted = new Event[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = buf.get((int) (keys[i] & ((1 << 24) - 1)));
    }
    for (int i = 0; i < n; i++) {
      buf.set(i, sorted[i]);
    }
  }

  /**
   * Returns the ground truth: roles of planted fraud entities, and {@code normal} for benign heavy
   * callers and the hard negatives.
   */
  public GroundTruth truth() {
    return truth;
  }

  /**
   * Returns the gang (its card dealer's index) of every entity a gang owns, as {@code kind:entity}
   * (sorted): the dealer's handset, network and holders, the cards and accounts opened in their
   * names, the farms' handsets, the hook numbers, the mules with the handsets and networks they use
   * for the gang. Entities no gang owns (victims, rented residents' own handsets) are absent. With
   * {@link SimConfig#gangsApart()} off, one gang's farms use other dealers' cards and all gangs
   * share the mules, so the trade is linked across gangs.
   */
  public java.util.Map<String, Integer> gangs() {
    return java.util.Collections.unmodifiableMap(plan.gangs());
  }

  /**
   * Returns the entities labelled {@code normal}, grouped by the kind of honest actor: {@code
   * heavy_caller} (couriers, riders, telemarketers, bank agents, service lines), {@code
   * night_shift}, {@code payroll}, {@code crew_leader}, {@code merchant}, {@code family}, {@code
   * trader}, {@code mover}, {@code screen_share}, {@code remote_help}, {@code app_install}, {@code
   * link_visit}, and with the honest {@link Tactic}s on {@code call_centre}, {@code relative_asks}
   * and {@code link_then_shopping}. Each value is a sorted set of {@code entityKind:entity} ({@code
   * phone:+86…}); an entity is listed under the first group that labelled it.
   */
  public Map<String, Set<String>> normalActors() {
    Map<String, Set<String>> out = new TreeMap<>();
    Set<String> heavyCallers = new TreeSet<>();
    Set<String> nightShift = new TreeSet<>();
    for (int i : population.heavyCallers()) {
      (population.work(i) == Population.Work.NIGHT_SHIFT ? nightShift : heavyCallers)
          .add("phone:" + population.phone(i));
    }
    for (String line : Synth.SERVICE_LINES) {
      heavyCallers.add("phone:" + line);
    }
    out.put("heavy_caller", Collections.unmodifiableSet(heavyCallers));
    out.put("night_shift", Collections.unmodifiableSet(nightShift));
    for (Map.Entry<String, Set<String>> e : benign.byActor().entrySet()) {
      out.put(e.getKey(), Collections.unmodifiableSet(e.getValue()));
    }
    for (Map.Entry<String, Set<String>> e : lookAlikes.byActor().entrySet()) {
      out.put(e.getKey(), Collections.unmodifiableSet(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns the entities each fraud tactic switched on produced ({@link Tactic}: {@code
   * rented_old_cards} phones, {@code slow_mules} accounts, {@code cash_out_desks} desks and
   * cross-region ATM users, {@code sms_spread} phones, {@code rebates} and {@code courtship}
   * victims' phones), each a sorted set of {@code entityKind:entity}; empty when none is on. An
   * entity listed here plays its role in the truth only if the story reached it (a slow mule nobody
   * paid is listed, but is no mule).
   */
  public Map<String, Set<String>> tacticActors() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Map.Entry<String, Set<String>> e : plan.byTactic().entrySet()) {
      out.put(e.getKey(), Collections.unmodifiableSet(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns how many events {@link #forEachEvent} produces; runs a counting pass first if no pass
   * has completed yet.
   */
  public long eventCount() {
    long n = eventCount;
    if (n < 0) {
      long[] c = new long[1];
      forEachEvent(e -> c[0]++);
      n = c[0];
    }
    return n;
  }
}
