package org.fanzha.server.subscribers;

import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.id.Identifiers;
import org.fanzha.core.id.InvalidIdentifierException;
import org.fanzha.engine.subscriber.SubscriberScore;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Masks;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * One look-up of a subscriber score, the same for the API and the console: the number made
 * canonical, the caller's regions applied (another region's number is not found, one nobody can
 * place is shown masked), the look-up audited.
 */
@Component
class SubscriberLookup {

  /** How a look-up ended. */
  enum Outcome {
    FOUND,
    INVALID,
    UNAVAILABLE,
    UNKNOWN
  }

  /**
   * A look-up's answer: the score when {@code FOUND}, the number as it may be shown, and what went
   * wrong otherwise.
   */
  record Result(
      Outcome outcome,
      @Nullable SubscriberScore score,
      String shownPhone,
      boolean masked,
      String detail) {}

  private final Runner runner;
  private final Database db;
  private final EntityRegions regions;

  SubscriberLookup(Runner runner, Database db, EntityRegions regions) {
    this.runner = runner;
    this.db = db;
    this.regions = regions;
  }

  Result find(String phone, @Nullable Authentication auth) {
    String canonical;
    try {
      canonical = Identifiers.phone(phone);
    } catch (InvalidIdentifierException e) {
      return new Result(Outcome.INVALID, null, phone, true, "phone: " + e.getMessage());
    }
    Caller caller = Caller.of(auth);
    EntityRegions.Visibility seen =
        regions.visibility(EntityKind.PHONE, canonical, Jurisdictions.of(db, auth));
    boolean full = seen == EntityRegions.Visibility.FULL;
    boolean outside = seen == EntityRegions.Visibility.NONE;
    db.audit()
        .record(
            caller.name(),
            caller.rolesText(),
            outside ? "subscriber.score.outside" : "subscriber.score",
            EntityKind.PHONE,
            canonical,
            full);
    String shown = full ? canonical : Masks.entity(EntityKind.PHONE, canonical);
    Optional<SubscriberScore> score;
    try {
      score = outside ? Optional.empty() : runner.subscriber(canonical);
    } catch (RejectedExecutionException e) {
      return new Result(Outcome.UNAVAILABLE, null, shown, !full, String.valueOf(e.getMessage()));
    }
    return score
        .map(s -> new Result(Outcome.FOUND, s, shown, !full, ""))
        .orElseGet(
            () ->
                new Result(
                    Outcome.UNKNOWN, null, shown, !full, "the engine has never met this number"));
  }
}
