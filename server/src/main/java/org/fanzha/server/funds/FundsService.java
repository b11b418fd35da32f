package org.fanzha.server.funds;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.graph.funds.ForwardTrace;
import org.fanzha.graph.funds.ForwardTracer;
import org.fanzha.graph.funds.FreezePlan;
import org.fanzha.graph.funds.FundReturn;
import org.fanzha.graph.funds.ReverseTrace;
import org.fanzha.graph.funds.ReverseTracer;
import org.fanzha.graph.funds.TraceSettings;
import org.fanzha.graph.funds.TransferGraph;
import org.fanzha.server.runner.JournalListener;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.RecentWindow;
import org.fanzha.store.Database;
import org.fanzha.store.JournalEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Owns the live {@link TransferGraph} and answers traces over it. The graph is fed with every
 * journaled transfer in journal order (this is a {@link JournalListener} of the embedded runner):
 * the whole journal at start, then each accepted transfer right after the engine, so a restart
 * rebuilds the same graph and therefore the same traces.
 */
@Service
public class FundsService implements JournalListener, AutoCloseable {

  /*
   * Threads.
   * 1. The engine thread only hands transfers over (onJournaled puts them on a queue); one graph
   *    thread ("fanzha-graph") appends them in that order. TransferGraph is one-writer/many-readers
   *    under a read-write lock, and a trace holds the read lock while it runs (milliseconds, up to
   *    its step budget for a hub account); appending on the engine thread would make decisions
   *    wait for traces. The queue is bounded (PENDING): only if the graph thread fell that far
   *    behind would the engine thread wait.
   * 2. A trace of a transfer first waits until the graph thread has applied the transfer's journal
   *    sequence number (normally already done; at most AWAIT), so "accepted, then traced" works
   *    without retries. If it still is not there the answer is NotTraceable.PENDING (503, retry).
   */

  private static final Logger log = LoggerFactory.getLogger(FundsService.class);

  /** Transfers handed over but not yet in the graph, at most. */
  static final int PENDING = 100_000;

  /** The longest a trace waits for its transfer to reach the graph. */
  static final long AWAIT_MILLIS = 2_000;

  private static final Set<EventType> TRANSFERS =
      Collections.unmodifiableSet(EnumSet.of(EventType.TRANSFER));

  private record Handover(long seq, TransferEvent transfer) {}

  private final BlockingQueue<Handover> pending = new ArrayBlockingQueue<>(PENDING);
  private final Object applied = new Object();
  private long appliedSeq; // guarded by applied
  private final Thread feeder;
  private volatile boolean running = true;

  /**
   * How many recent transfer ids are remembered, so the console can link a warning to its trace.
   */
  static final int RECENT_TRANSFER_IDS = 50_000;

  private final TransferGraph graph = new TransferGraph(1 << 16);
  private final RecentWindow<String, Boolean> recentTransfers =
      new RecentWindow<>(RECENT_TRANSFER_IDS);
  private final Database db;
  private final Clock clock;

  FundsService(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.feeder = new Thread(this::feed, "fanzha-graph");
    feeder.setDaemon(true);
    feeder.start();
  }

  /** A trace with the freeze plan made from it as of {@code asOfMillis}. */
  public record TraceResult(ForwardTrace trace, FreezePlan plan, long asOfMillis) {}

  /** Why a transfer id cannot be traced. */
  public enum NotTraceable {
    /** No event with this id was journaled. */
    UNKNOWN,
    /** The id names an event that is not a transfer. */
    NOT_A_TRANSFER,
    /** Journaled a moment ago, not yet in the graph: retry. */
    PENDING
  }

  /** Thrown when a transfer cannot be traced; {@link #reason()} says why. */
  public static final class NotTraceableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final NotTraceable reason;

    NotTraceableException(NotTraceable reason, String message) {
      super(message);
      this.reason = reason;
    }

    /** Returns why. */
    public NotTraceable reason() {
      return reason;
    }
  }

  @Override
  public Set<EventType> eventTypes() {
    return TRANSFERS;
  }

  @Override
  public void onJournaled(long seq, Event event) {
    if (!(event instanceof TransferEvent t)) {
      return;
    }
    recentTransfers.put(t.id(), Boolean.TRUE);
    try {
      pending.put(new Handover(seq, t));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while handing transfer " + t.id() + " to the graph", e);
    }
  }

  private void feed() {
    List<Handover> batch = new ArrayList<>(1024);
    while (running || !pending.isEmpty()) {
      try {
        Handover first = pending.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, 4095);
        for (Handover h : batch) {
          try {
            graph.append(h.transfer());
          } catch (RuntimeException e) {
            log.error("Transfer {} (seq {}) not added to the graph", h.transfer().id(), h.seq(), e);
          }
        }
        synchronized (applied) {
          appliedSeq = batch.get(batch.size() - 1).seq();
          applied.notifyAll();
        }
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Waits until the graph holds every transfer journaled up to {@code seq}; returns whether it
   * does.
   */
  boolean awaitApplied(long seq, long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    synchronized (applied) {
      while (appliedSeq < seq) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        try {
          applied.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** Stops the graph thread once it has applied what it was handed. */
  @Override
  public void close() {
    running = false;
    try {
      feeder.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns the last of these event ids that is a recently journaled transfer (the newest {@value
   * #RECENT_TRANSFER_IDS}), e.g. the victim's payment among a warning's evidence.
   */
  public Optional<String> lastTransferAmong(List<String> eventIds) {
    for (int i = eventIds.size() - 1; i >= 0; i--) {
      if (recentTransfers.contains(eventIds.get(i))) {
        return Optional.of(eventIds.get(i));
      }
    }
    return Optional.empty();
  }

  /** Returns the journal sequence number of the last transfer the graph holds. */
  public long appliedSeq() {
    synchronized (applied) {
      return appliedSeq;
    }
  }

  /** Returns how many transfers the graph holds. */
  public int transferCount() {
    return graph.transferCount();
  }

  /** Returns how many accounts the graph holds. */
  public int accountCount() {
    return graph.accountCount();
  }

  /**
   * Returns "now" for a freeze plan when the caller gives none: the latest transfer time held (the
   * clock of the data, which is wall-clock time for a live feed and simulated time in a demo or a
   * replay), or the wall clock when the graph is empty.
   */
  public long defaultAsOf() {
    long latest = graph.latestTs();
    return latest == Long.MIN_VALUE ? clock.millis() : latest;
  }

  /** Returns the journaled transfer with this id, once the graph holds it too. */
  public TransferEvent findTransfer(String id) {
    Optional<JournalEntry> e = db.journal().find(id);
    if (e.isEmpty()) {
      throw new NotTraceableException(
          NotTraceable.UNKNOWN, "no event with id '" + id + "' was journaled");
    }
    if (!(e.get().event() instanceof TransferEvent t)) {
      throw new NotTraceableException(
          NotTraceable.NOT_A_TRANSFER,
          "event '" + id + "' is a " + e.get().event().type().wireName() + ", not a transfer");
    }
    if (!awaitApplied(e.get().seq(), AWAIT_MILLIS)) {
      throw new NotTraceableException(
          NotTraceable.PENDING,
          "transfer '"
              + id
              + "' is journaled but not yet in the"
              + " transfer graph; retry in a moment");
    }
    return t;
  }

  /** Returns the forward trace of a journaled transfer and its freeze plan. */
  public TraceResult traceTransfer(String id, TraceSettings settings, @Nullable Long asOfMillis) {
    TransferEvent t = findTransfer(id);
    ForwardTrace trace =
        new ForwardTracer(graph, settings)
            .traceTransfer(t)
            .orElseThrow(
                () ->
                    new NotTraceableException(
                        NotTraceable.PENDING,
                        "transfer '"
                            + id
                            + "' is journaled but not yet in the"
                            + " transfer graph; retry in a moment"));
    long asOf = asOfMillis != null ? asOfMillis : defaultAsOf();
    return new TraceResult(trace, FreezePlan.of(graph, trace, asOf), asOf);
  }

  /**
   * Returns the trace of everything an account paid out from {@code afterMillis}, and its freeze
   * plan.
   */
  public TraceResult traceAccount(
      String account, long afterMillis, TraceSettings settings, @Nullable Long asOfMillis) {
    ForwardTrace trace = new ForwardTracer(graph, settings).traceAccount(account, afterMillis);
    long asOf = asOfMillis != null ? asOfMillis : defaultAsOf();
    return new TraceResult(trace, FreezePlan.of(graph, trace, asOf), asOf);
  }

  /**
   * Returns where the money that came into an account in {@code [fromMillis, toMillis]} came from.
   */
  public ReverseTrace reverse(
      String account, long fromMillis, long toMillis, TraceSettings settings) {
    if (toMillis < fromMillis) {
      throw new BadRequestException("to (" + toMillis + ") is before from (" + fromMillis + ")");
    }
    return new ReverseTracer(graph, settings).trace(account, fromMillis, toMillis);
  }

  /**
   * Returns how {@code recoveredFen} recovered from {@code account} goes back to the victims of the
   * given transfers (each transfer's payer is a victim; several transfers of one payer add up):
   * straight back when only one victim's money is traced there, else pro rata, with the working.
   */
  public FundReturn.AccountReturn fundReturn(
      String account, long recoveredFen, List<String> transferIds, TraceSettings settings) {
    if (transferIds.isEmpty()) {
      throw new BadRequestException("transfers: name at least one victim transfer");
    }
    Map<String, Long> byVictim = new LinkedHashMap<>();
    for (String id : transferIds) {
      ForwardTrace t = traceTransfer(id, settings, null).trace();
      long here = 0;
      for (ForwardTrace.Holding h : t.holdings()) {
        if (h.account().equals(account)) {
          here += h.amountFen();
        }
      }
      byVictim.merge(t.seed().account(), here, Long::sum);
    }
    List<FundReturn.Claim> claims = new ArrayList<>();
    byVictim.forEach((victim, fen) -> claims.add(new FundReturn.Claim(victim, fen)));
    return FundReturn.allocate(account, recoveredFen, claims);
  }
}
