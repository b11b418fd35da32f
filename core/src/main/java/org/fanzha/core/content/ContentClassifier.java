package org.fanzha.core.content;

/**
 * Classifies a text (SMS, call transcript, ad, report) by fraud type. Lives in core so the engine
 * can use one without depending on the {@code text} module that implements it. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface ContentClassifier {

  /** Returns the verdict for one text. */
  ContentVerdict classify(String text);
}
