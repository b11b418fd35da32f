package org.fanzha.server.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fanzha.server.system.BackgroundThreads;
import org.fanzha.store.AuditLog;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps watch over the audit chain: recomputes it at start and every {@code check-every}, then cuts
 * what is older than the retention (only from an intact chain). A break is logged as an error,
 * counted by the gauge {@code fanzha.audit.chain.intact} (1 intact, 0 broken) and shown on {@code
 * /audit}.
 */
@Component
public class AuditChain implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AuditChain.class);

  /** The last check: when, how many rows it covered, and the first broken row if any. */
  public record Check(long atMs, long rows, @Nullable Long brokenAt, AuditLog.Anchor anchor) {
    public boolean intact() {
      return brokenAt == null;
    }
  }

  private final Database db;
  private final Clock clock;
  private final AuditSettings settings;
  private volatile @Nullable Check last;
  private final ScheduledExecutorService timer = BackgroundThreads.single("fanzha-audit-chain");

  AuditChain(Database db, Clock clock, AuditSettings settings, MeterRegistry meters) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    Gauge.builder(
            "fanzha.audit.chain.intact",
            this,
            a -> a.last == null ? Double.NaN : a.last.intact() ? 1 : 0)
        .description("1 while the audit chain verifies, 0 once a row was found altered or missing")
        .register(meters);
    timer.scheduleWithFixedDelay(
        this::checkQuietly, 0, settings.checkEvery().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Recomputes the chain now, then applies the retention if it is intact; returns the check. */
  public synchronized Check check() {
    OptionalLong broken = db.audit().verify();
    Check c =
        new Check(
            clock.millis(),
            db.audit().count(),
            broken.isPresent() ? broken.getAsLong() : null,
            db.audit().anchor());
    last = c;
    if (!c.intact()) {
      log.error(
          "The audit chain is broken at entry {}: a row was altered, inserted or deleted behind the server",
          c.brokenAt());
    } else if (!settings.retention().isZero()) {
      long cut = db.audit().cutBefore(clock.millis() - settings.retention().toMillis());
      if (cut > 0) {
        log.info("{} audit entries older than {} cut by retention", cut, settings.retention());
        c = new Check(c.atMs(), db.audit().count(), null, db.audit().anchor());
        last = c;
      }
    }
    return c;
  }

  /** Returns the last check, if one ran. */
  public @Nullable Check last() {
    return last;
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      log.warn("Checking the audit chain failed; will retry", e);
    }
  }

  @Override
  public void close() {
    BackgroundThreads.stop(timer);
  }
}
