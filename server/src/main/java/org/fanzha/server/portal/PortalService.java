package org.fanzha.server.portal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.id.Urls;
import org.fanzha.engine.scoring.ReportSteps;
import org.fanzha.server.lists.ListService;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.runner.StreamTime;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.store.Database;
import org.fanzha.store.ListEntry;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * What the public side does: answers a look-up with a band (none, reported, listed) and nothing
 * personal, and turns a report into a {@code report} event for the engine.
 */
@Service
public class PortalService {

  private static final SecureRandom IDS = new SecureRandom();

  private final Database db;
  private final ListService lists;
  private final Runner runner;
  private final Clock clock;

  PortalService(Database db, ListService lists, Runner runner, Clock clock) {
    this.db = db;
    this.lists = lists;
    this.runner = runner;
    this.clock = clock;
  }

  /**
   * A look-up's answer. {@code band}: {@code listed} (on the black or dishonest list), {@code
   * reported} (named by reports), {@code none}; {@code reports} how many reports named it; {@code
   * fraudType} the listing's, if any.
   */
  public record Answer(String band, long reports, @Nullable FraudType fraudType) {}

  /** The kinds anyone may look up. */
  static final List<ListKind> LOOKUP_KINDS =
      List.of(ListKind.PHONE, ListKind.ACCOUNT, ListKind.URL);

  /**
   * Looks a value up; a URL is also listed when its domain (or a parent domain) is.
   *
   * @throws BadRequestException naming the field when kind or value is not acceptable
   */
  public Answer lookup(ListKind kind, String value) {
    if (!LOOKUP_KINDS.contains(kind)) {
      throw new BadRequestException("kind: phone, account or url");
    }
    String v = lists.normalised(kind, value);
    List<ListEntry> against = new ArrayList<>(lists.inForce(kind, v));
    if (kind == ListKind.URL) {
      for (String d = Urls.host(v); d != null; d = Urls.parentDomain(d)) {
        against.addAll(lists.inForce(ListKind.DOMAIN, d));
      }
    }
    // anonymous portal reports count once, as in the engine: nobody makes a number "reported 50
    // times" alone
    long reports =
        db.journal().countNamingBySource(kind.wireName(), v, EventType.REPORT).entrySet().stream()
            .mapToLong(
                e ->
                    e.getKey().equals(ReportSteps.PUBLIC_SOURCE)
                        ? Math.min(1, e.getValue())
                        : e.getValue())
            .sum();
    for (ListEntry e : against) {
      if (e.list() == ListName.BLACK || e.list() == ListName.DISHONEST) {
        return new Answer("listed", reports, e.fraudType());
      }
    }
    return new Answer(reports > 0 ? "reported" : "none", reports, null);
  }

  /** One thing a report points at, as typed. */
  public record Target(String kind, String value) {}

  /**
   * Journals a public report; returns its id. Anonymous: public reports on one target count as one
   * reporter for the engine until an analyst confirms the case.
   *
   * @throws BadRequestException naming the field
   */
  public String report(List<Target> targets, String text, @Nullable String fraudType) {
    if (targets.isEmpty() || targets.size() > 5) {
      throw new BadRequestException("targets: 1–5 numbers, accounts, URLs or apps");
    }
    List<ReportTarget> checked = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      TargetKind k = TargetKind.fromWire(t.kind());
      if (k == null || k == TargetKind.SOCIAL) {
        throw new BadRequestException("targets[" + i + "].kind: phone, account, url or app");
      }
      ListKind lk = ListKind.fromWire(t.kind());
      String v;
      try {
        v = lists.normalised(Objects.requireNonNull(lk), t.value());
      } catch (BadRequestException e) {
        throw new BadRequestException("targets[" + i + "]." + e.getMessage());
      }
      checked.add(new ReportTarget(k, v));
    }
    if (text.strip().length() < 5 || text.length() > 2000) {
      throw new BadRequestException("text: what happened, 5–2000 characters");
    }
    FraudType type = null;
    if (fraudType != null && !fraudType.isBlank()) {
      type = FraudType.fromWire(fraudType);
      if (type == null) {
        throw new BadRequestException(
            "fraud_type: unknown value '" + fraudType + "'; expected " + FraudType.allowed());
      }
    }
    byte[] b = new byte[8];
    IDS.nextBytes(b);
    String id = "PR-" + HexFormat.of().formatHex(b);
    ReportEvent e =
        new ReportEvent(
            id,
            StreamTime.now(db, clock),
            ReportSteps.PUBLIC_SOURCE,
            checked,
            null,
            null,
            type,
            text.strip(),
            0,
            List.of());
    try {
      runner.submit(List.of(e)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.RejectedExecutionException("interrupted", ex);
    } catch (ExecutionException | TimeoutException ex) {
      throw new java.util.concurrent.RejectedExecutionException(
          "the engine did not take the report now", ex);
    }
    return id;
  }
}
