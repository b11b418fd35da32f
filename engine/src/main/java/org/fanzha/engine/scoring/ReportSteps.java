package org.fanzha.engine.scoring;

import static org.fanzha.engine.scoring.EngineState.PAIR_ACCOUNT_REPORT;
import static org.fanzha.engine.scoring.EngineState.PAIR_REPORT;

import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TargetKind;
import org.fanzha.engine.features.FeatureTable;
import org.jspecify.annotations.Nullable;

/**
 * Reports from the public (12381, 96110, apps): each distinct reporter counts against a reported
 * number or account once, with the fraud type reported or read from the text; a site or app
 * reported becomes a reported target; a reporter who lost money is a victim.
 */
public final class ReportSteps {
  /** The source the public portal's reports carry. */
  public static final String PUBLIC_SOURCE = "portal";

  private final EngineState s;
  private final Evaluation eval;
  private final DecisionTally tally;
  private final @Nullable ContentClassifier classifier;

  public ReportSteps(
      EngineState s, Evaluation eval, DecisionTally tally, @Nullable ContentClassifier classifier) {
    this.s = s;
    this.eval = eval;
    this.tally = tally;
    this.classifier = classifier;
  }

  /**
   * A number or account the report names ({@code index} into its targets): one more report, one
   * more reporter.
   */
  void target(ReportEvent rep, int index) {
    long ts = rep.ts();
    ReportTarget target = rep.targets().get(index);
    // an anonymous report from the public portal cannot be told from the next one by the same
    // person: together they
    // count as one reporter per target until an analyst confirms the case (a partner's own reports
    // count each)
    int reporterKey =
        rep.reporter() != null
            // never negative, as the anonymous reporters below always are (a row id already is)
            ? s.partner(s.phones, rep.reporter()) & Integer.MAX_VALUE
            : PUBLIC_SOURCE.equals(rep.source())
                ? Integer.MIN_VALUE
                : rep.id().hashCode() | Integer.MIN_VALUE;
    int ft = fraudTypeCode(rep);
    if (target.kind() == TargetKind.PHONE) {
      int p = s.phones.intern(target.value());
      tally.primary(EntityKind.PHONE, p, target.value());
      s.phones.reported(p, !s.pairSeen(PAIR_REPORT, p, reporterKey));
      if (ft != 0) {
        s.phones.fraudType(p, ft);
      }
      eval.phone(p, ts);
    } else if (target.kind() == TargetKind.ACCOUNT) {
      int a = s.accounts.intern(target.value());
      tally.primary(EntityKind.ACCOUNT, a, target.value());
      s.accounts.reported(a, !s.pairSeen(PAIR_ACCOUNT_REPORT, a, reporterKey));
      if (ft != 0) {
        s.accounts.fraudType(a, ft);
      }
      eval.account(a, ts);
    }
  }

  /**
   * The sites and apps the report names: reported targets, which people's handsets are checked
   * against.
   */
  void sites(ReportEvent rep) {
    for (ReportTarget target : rep.targets()) {
      if (target.kind() != TargetKind.PHONE && target.kind() != TargetKind.ACCOUNT) {
        s.lists.reportTarget(target.value());
      }
    }
  }

  /** The reporter, when they lost money: a victim (after the fact; no early warning). */
  void reporter(ReportEvent rep) {
    if (rep.reporter() != null && rep.lossFen() > 0) {
      s.persons.raise(s.phones.intern(rep.reporter()), 0, 0, FeatureTable.bit(Role.VICTIM));
    }
  }

  /**
   * Returns the report's fraud type, or the content model's reading of its text when none was given
   * (0 = unknown).
   */
  private int fraudTypeCode(ReportEvent rep) {
    FraudType type = rep.fraudType();
    if (type == null && rep.text() != null && classifier != null) {
      type = classifier.classify(rep.text()).fraudType();
    }
    return type == null ? 0 : EpisodeTypes.code(type);
  }
}
