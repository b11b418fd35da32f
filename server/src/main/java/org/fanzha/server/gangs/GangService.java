package org.fanzha.server.gangs;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.Role;
import org.fanzha.engine.EntityRisk;
import org.fanzha.graph.gangs.Gang;
import org.fanzha.graph.gangs.GangFinder;
import org.fanzha.graph.gangs.IdentityGraph;
import org.fanzha.graph.gangs.Node;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.system.BackgroundThreads;
import org.fanzha.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Keeps the identity graph from the journal and searches it for gangs on a schedule, on one thread
 * of its own ("fanzha-gangs"). It reads the journal's openings, calls and transfers after the last
 * one it added, every 200 ms and before each search; nothing is handed over by the engine thread,
 * so a long search never holds up a decision (it did: a queue the search let fill made the engine
 * wait on every event), and the graph misses nothing however far behind it falls. The gangs of the
 * last search are what the API answers.
 */
@Service
public class GangService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GangService.class);
  private static final Set<EventType> TYPES =
      Collections.unmodifiableSet(
          EnumSet.of(EventType.OPENING, EventType.CALL, EventType.TRANSFER));

  private final IdentityGraph graph = new IdentityGraph(); // the gangs thread's alone
  private long readUpTo; // the gangs thread's alone: the journal seq the graph has read up to
  private long unreadable; // the gangs thread's alone: events the graph could not take
  private final Database db;
  private final ObjectProvider<Runner> runner;
  private final GangSettings settings;
  private final GangFinder finder;
  private final ScheduledExecutorService thread = BackgroundThreads.single("fanzha-gangs");
  private volatile Found found = new Found(List.of(), 0, 0, 0, 0);

  /** Journal sequence numbers read per step. */
  private static final long READ_STEP = 50_000;

  /** The gangs of the last search, with what it looked at and how long it took. */
  public record Found(List<Gang> gangs, long atMillis, int entities, long links, long tookMillis) {}

  GangService(Database db, ObjectProvider<Runner> runner, GangSettings settings) {
    this.db = db;
    this.runner = runner;
    this.settings = settings;
    this.finder =
        new GangFinder(new GangFinder.Settings(settings.maxHubLinks(), settings.maxGangSize(), 3));
    thread.scheduleWithFixedDelay(this::drainQuietly, 200, 200, TimeUnit.MILLISECONDS);
    long every = settings.scanEvery().toMillis();
    thread.scheduleWithFixedDelay(this::searchQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** Returns the gangs of the last search, the largest loss first. */
  public Found found() {
    return found;
  }

  /** Returns one gang of the last search. */
  public Optional<Gang> gang(String id) {
    return found.gangs().stream().filter(g -> g.id().equals(id)).findFirst();
  }

  /** Reads what the journal holds and searches now, on the gangs thread; returns the search. */
  public Found searchNow() {
    try {
      return thread
          .submit(
              () -> {
                drain();
                return search();
              })
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while searching for gangs", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the gang search failed", e.getCause());
    }
  }

  /**
   * Adds the journal's openings, calls and transfers after the last sequence number read, in steps
   * (a restart reads the whole journal), stopping between steps when the server stops.
   */
  private void drain() {
    long last = db.journal().lastSeq();
    while (readUpTo < last && !thread.isShutdown()) {
      long upto = Math.min(last, readUpTo + READ_STEP);
      db.journal().forEachOfTypes(TYPES, readUpTo, upto, this::add);
      readUpTo = upto;
    }
  }

  private void add(long seq, Event event) {
    try {
      graph.add(event);
    } catch (RuntimeException e) {
      // one event the graph cannot take must not stop it at that event for good
      if (unreadable++ == 0) {
        log.warn("Event {} (seq {}) not added to the identity graph", event.id(), seq, e);
      }
    }
  }

  private Found search() {
    Runner r = runner.getIfAvailable();
    if (r == null || !r.isRunning()) {
      return found;
    }
    long t0 = System.nanoTime();
    Map<Node, Set<Role>> suspects = new HashMap<>();
    for (EntityRisk e : r.riskiest(settings.suspects())) {
      if (e.score() < settings.minScore()) {
        break; // highest first
      }
      if (GangFinder.suspect(e.roles())) {
        suspects.put(new Node(e.entityKind(), e.entity()), e.roles());
      }
    }
    List<Gang> gangs = finder.find(graph, suspects);
    found =
        new Found(
            gangs,
            System.currentTimeMillis(),
            graph.size(),
            graph.links(),
            (System.nanoTime() - t0) / 1_000_000);
    return found;
  }

  private void drainQuietly() {
    try {
      drain();
    } catch (RuntimeException e) {
      log.warn("Adding events to the identity graph failed", e);
    }
  }

  private void searchQuietly() {
    try {
      drain();
      Found f = search();
      log.debug(
          "{} gangs among {} entities in {} ms", f.gangs().size(), f.entities(), f.tookMillis());
      if (unreadable > 0) {
        log.warn("{} journal events could not be added to the identity graph so far", unreadable);
      }
    } catch (RuntimeException e) {
      log.warn("Searching for gangs failed; will retry", e);
    }
  }

  @Override
  public void close() {
    BackgroundThreads.stop(thread);
  }
}
