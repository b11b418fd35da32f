package org.fanzha.core.content;

import java.util.List;
import org.fanzha.core.event.FraudType;
import org.jspecify.annotations.Nullable;

/**
 * What a content classifier says about one text.
 *
 * @param label {@code none} (normal), {@code spam} (advertising, not fraud) or a fraud type's wire
 *     name
 * @param fraudType the fraud type when the label is one, else {@code null}
 * @param score confidence in the label, 0–1
 * @param phrases the phrases that contributed most, strongest first (the reasons)
 */
public record ContentVerdict(
    String label, @Nullable FraudType fraudType, double score, List<String> phrases) {

  public static final String NONE = "none";
  public static final String SPAM = "spam";

  public ContentVerdict {
    phrases = List.copyOf(phrases);
  }

  /** Returns whether the text was judged fraudulent. */
  public boolean isFraud() {
    return fraudType != null;
  }
}
