package org.fanzha.server.clues;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.engine.scoring.ReportSteps;
import org.fanzha.server.runner.JournalListener;
import org.fanzha.server.system.BackgroundThreads;
import org.fanzha.store.Columns;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What institutions and staff report (举报, 报案) goes to those who can act on it: each reported
 * number, account, URL or app once (however many report it), low severity until someone lost money.
 * Anonymous reports from the public portal do not: anyone could flood receivers with them; they
 * reach receivers when the engine, weighing how many people reported a target, holds it as a fraud
 * number or mule (a detection clue). Reports arrive on the engine's thread; the clues are made on a
 * thread of their own.
 */
@Component
class ReportClues implements JournalListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReportClues.class);

  private final ClueDesk desk;
  private final ThreadPoolExecutor worker =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(10_000),
          r -> {
            Thread t = new Thread(r, "fanzha-clue-reports");
            t.setDaemon(true);
            return t;
          },
          (r, pool) -> log.error("Report clue queue full: a report's clues are not sent"));

  ReportClues(ClueDesk desk) {
    this.desk = desk;
  }

  @Override
  public Set<EventType> eventTypes() {
    return EnumSet.of(EventType.REPORT);
  }

  @Override
  public void onJournaled(long seq, Event event) {
    if (event instanceof ReportEvent r && !ReportSteps.PUBLIC_SOURCE.equals(r.source())) {
      worker.execute(() -> send(r));
    }
  }

  void send(ReportEvent r) {
    for (ReportTarget t : r.targets()) {
      ListKind kind = kind(t);
      if (kind == null) {
        continue;
      }
      Lead lead =
          new Lead(
              "report:" + kind.wireName() + ":" + t.value(),
              "report",
              r.id(),
              kind,
              t.value(),
              r.fraudType() == null ? FraudType.OTHER : r.fraudType(),
              r.lossFen() > 0 ? ClueRouter.MEDIUM : ClueRouter.LOW,
              r.region(),
              "reported"
                  + (r.lossFen() > 0 ? " with a loss of " + r.lossFen() / 100 + " yuan" : "")
                  + (r.text() == null ? "" : ": " + Columns.clip(r.text(), 300)),
              List.of(r.id()));
      try {
        if (!desk.known(lead.key())) {
          desk.raise(lead);
        }
      } catch (RuntimeException e) {
        log.error("Clue of report {} not sent", r.id(), e);
      }
    }
  }

  private static @Nullable ListKind kind(ReportTarget t) {
    return switch (t.kind()) {
      case PHONE -> ListKind.PHONE;
      case ACCOUNT -> ListKind.ACCOUNT;
      case URL -> ListKind.URL;
      case APP -> ListKind.APP;
      case SOCIAL -> null; // no institution kind acts on a chat handle yet
    };
  }

  @Override
  public void close() {
    BackgroundThreads.stop(worker); // the queued reports' clues are written first
  }
}
