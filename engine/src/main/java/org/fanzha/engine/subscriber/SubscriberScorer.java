package org.fanzha.engine.subscriber;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.fanzha.engine.features.PhoneFeatures;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.rules.EventView;
import org.fanzha.engine.rules.Rule;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.RuleSet;
import org.fanzha.engine.rules.file.RuleSpec;

/**
 * Scores subscribers with one rule book: the book's {@code subscriber.base} points, plus the weight
 * of every {@code applies_to: subscriber} line the number's features meet, kept within 0–100; the
 * band from the {@code subscriber.band_a|b|c} params and the band's limits from {@code
 * subscriber.limits.<band>.*}. Asked on the engine's thread (it reuses one features view).
 */
public final class SubscriberScorer {

  private final RuleSet lines;
  private final int base;
  private final int[] bandFloor = new int[3];
  private final Limits[] limits = new Limits[Band.values().length];
  private final PhoneFeatures features = new PhoneFeatures();
  private final EventView noEvent = new EventView();

  /** Reads the score lines and params of {@code book}. */
  public SubscriberScorer(RuleBook book) {
    lines = book.rules(RuleSpec.Kind.SUBSCRIBER);
    base = (int) Math.round(book.param("subscriber.base"));
    bandFloor[0] = (int) Math.round(book.param("subscriber.band_a"));
    bandFloor[1] = (int) Math.round(book.param("subscriber.band_b"));
    bandFloor[2] = (int) Math.round(book.param("subscriber.band_c"));
    for (Band b : Band.values()) {
      String at = "subscriber.limits." + b.wireName() + ".";
      limits[b.ordinal()] =
          new Limits(
              cap(book, at + "calls_per_day"),
              cap(book, at + "sms_per_day"),
              !book.params().containsKey(at + "international")
                  || book.param(at + "international") != 0);
    }
  }

  private static int cap(RuleBook book, String name) {
    return book.params().containsKey(name) ? (int) Math.round(book.param(name)) : Limits.NONE;
  }

  /** Scores phone {@code id} of {@code phones} as its features stand at {@code now}. */
  public SubscriberScore score(PhoneTable phones, int id, long now) {
    PhoneFeatures f = features.load(phones, id, now, 0);
    long fired = lines.conditions().test(f, noEvent);
    int points = base;
    List<ScoreLine> met = new ArrayList<>();
    List<Rule> rules = lines.rules();
    for (long m = fired; m != 0; m &= m - 1) {
      Rule r = rules.get(Long.numberOfTrailingZeros(m));
      points += r.weight();
      met.add(new ScoreLine(r.reason(), r.weight()));
    }
    met.sort(
        Comparator.comparingInt((ScoreLine l) -> -Math.abs(l.points()))
            .thenComparing(l -> l.reason().code()));
    int score = Math.max(0, Math.min(100, points));
    Band band = band(score);
    return new SubscriberScore(
        phones.name(id), score, band, met, limits[band.ordinal()], f.outCalls(), f.smsOut(), now);
  }

  /** Returns the band of a score. */
  public Band band(int score) {
    for (int i = 0; i < bandFloor.length; i++) {
      if (score >= bandFloor[i]) {
        return Band.values()[i];
      }
    }
    return Band.D;
  }

  /** Returns the limits of a band. */
  public Limits limits(Band band) {
    return limits[band.ordinal()];
  }
}
