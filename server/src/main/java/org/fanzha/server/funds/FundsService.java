package org.fanzha.server.funds;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.core.event.Event;
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
import org.fanzha.store.Database;
import org.fanzha.store.JournalEntry;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Owns the live {@link TransferGraph} and answers traces over it. The graph is fed by the embedded
 * runner with every journaled transfer in journal order (it is a {@link JournalListener}): the whole
 * journal at start, then each accepted transfer right after the engine, so a restart rebuilds the
 * same graph and therefore the same traces.
 */
@Service
public class FundsService implements JournalListener {

  /*
   * Threads. The graph has one writer (the engine thread, through onJournaled) and many readers
   * (HTTP threads tracing); TransferGraph's read-write lock makes each trace see one consistent
   * graph. A transfer is journaled (committed) a moment before the engine thread appends it, so a
   * trace asked for in that moment finds it in the journal but not yet in the graph; that is told
   * apart from an unknown id (NotTraceable.PENDING) so the caller can retry.
   */

  /** How many recent transfer ids are remembered, so the console can link a warning to its trace. */
  static final int RECENT_TRANSFER_IDS = 50_000;

  private final TransferGraph graph = new TransferGraph(1 << 16);
  private final Map<String, Boolean> recentTransfers = new LinkedHashMap<>(1024, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > RECENT_TRANSFER_IDS;
    }
  }; // guarded by itself
  private final AtomicLong lastSeq = new AtomicLong();
  private final Database db;
  private final Clock clock;

  FundsService(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
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
  public void onJournaled(long seq, Event event) {
    if (event instanceof TransferEvent t) {
      graph.append(t);
      synchronized (recentTransfers) {
        recentTransfers.put(t.id(), Boolean.TRUE);
      }
    }
    lastSeq.set(seq);
  }

  /**
   * Returns the last of these event ids that is a recently journaled transfer (the newest
   * {@value #RECENT_TRANSFER_IDS}), e.g. the victim's payment among a warning's evidence.
   */
  public Optional<String> lastTransferAmong(List<String> eventIds) {
    synchronized (recentTransfers) {
      for (int i = eventIds.size() - 1; i >= 0; i--) {
        if (recentTransfers.containsKey(eventIds.get(i))) {
          return Optional.of(eventIds.get(i));
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the journal sequence number the graph has seen up to. */
  public long lastSeq() {
    return lastSeq.get();
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

  /** Returns the journaled transfer with this id. */
  public TransferEvent findTransfer(String id) {
    Optional<JournalEntry> e = db.journal().find(id);
    if (e.isEmpty()) {
      throw new NotTraceableException(NotTraceable.UNKNOWN, "no event with id '" + id + "' was journaled");
    }
    if (!(e.get().event() instanceof TransferEvent t)) {
      throw new NotTraceableException(NotTraceable.NOT_A_TRANSFER, "event '" + id + "' is a "
          + e.get().event().type().wireName() + ", not a transfer");
    }
    return t;
  }

  /** Returns the forward trace of a journaled transfer and its freeze plan. */
  public TraceResult traceTransfer(String id, TraceSettings settings, @Nullable Long asOfMillis) {
    TransferEvent t = findTransfer(id);
    ForwardTrace trace = new ForwardTracer(graph, settings).traceTransfer(t).orElseThrow(() ->
        new NotTraceableException(NotTraceable.PENDING, "transfer '" + id + "' is journaled but not yet in the"
            + " transfer graph; retry in a moment"));
    long asOf = asOfMillis != null ? asOfMillis : defaultAsOf();
    return new TraceResult(trace, FreezePlan.of(graph, trace, asOf), asOf);
  }

  /** Returns the trace of everything an account paid out from {@code afterMillis}, and its freeze plan. */
  public TraceResult traceAccount(String account, long afterMillis, TraceSettings settings, @Nullable Long asOfMillis) {
    ForwardTrace trace = new ForwardTracer(graph, settings).traceAccount(account, afterMillis);
    long asOf = asOfMillis != null ? asOfMillis : defaultAsOf();
    return new TraceResult(trace, FreezePlan.of(graph, trace, asOf), asOf);
  }

  /** Returns where the money that came into an account in {@code [fromMillis, toMillis]} came from. */
  public ReverseTrace reverse(String account, long fromMillis, long toMillis, TraceSettings settings) {
    if (toMillis < fromMillis) {
      throw new IllegalArgumentException("to (" + toMillis + ") is before from (" + fromMillis + ")");
    }
    return new ReverseTracer(graph, settings).trace(account, fromMillis, toMillis);
  }

  /**
   * Returns how {@code recoveredFen} recovered from {@code account} goes back to the victims of
   * the given transfers (each transfer's payer is a victim; several transfers of one payer add up):
   * straight back when only one victim's money is traced there, else pro rata, with the working.
   */
  public FundReturn.AccountReturn fundReturn(String account, long recoveredFen, List<String> transferIds,
      TraceSettings settings) {
    if (transferIds.isEmpty()) {
      throw new IllegalArgumentException("name at least one victim transfer");
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
