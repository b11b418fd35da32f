package org.fanzha.engine;

import java.util.List;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.SmsEvent;
import org.jspecify.annotations.Nullable;

/**
 * The content verdict of the event being scored, found before it reached the engine: a runner that
 * scores in one task classifies text in many (classifying was a quarter of the Flink scoring task's
 * engine time) and hands each verdict over here just before the event. The engine asks about at
 * most one text an event ({@link #textOf}); a text it was not handed a verdict for goes to the real
 * classifier, so an event that arrives unclassified (read before an upgrade, say) is scored the
 * same. One per engine; not thread-safe.
 */
public final class ClassifiedText implements ContentClassifier {
  private final ContentClassifier classifier;
  private @Nullable String text;
  private @Nullable ContentVerdict verdict;

  public ClassifiedText(ContentClassifier classifier) {
    this.classifier = classifier;
  }

  /**
   * Returns the text the engine classifies for {@code event}: an SMS's, or the text of a report
   * that names no fraud type; null for any other event.
   */
  public static @Nullable String textOf(Event event) {
    if (event instanceof SmsEvent m) {
      return m.text();
    }
    if (event instanceof ReportEvent r && r.fraudType() == null) {
      return r.text();
    }
    return null;
  }

  /**
   * The verdict on the next event's text, as it travels between tasks: only what the engine reads
   * (the label, the fraud type and the score; no phrases).
   */
  public static ContentVerdict verdict(String label, @Nullable FraudType fraudType, double score) {
    return new ContentVerdict(label, fraudType, score, List.of());
  }

  /** Answers {@code verdict} when the engine asks about {@code text}, until the next call. */
  public void next(String text, ContentVerdict verdict) {
    this.text = text;
    this.verdict = verdict;
  }

  /** Forgets the verdict handed over: the next event is classified here, if at all. */
  public void clear() {
    text = null;
    verdict = null;
  }

  @Override
  public ContentVerdict classify(String t) {
    ContentVerdict v = verdict;
    return v != null && t.equals(text) ? v : classifier.classify(t);
  }
}
