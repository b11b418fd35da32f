package org.fanzha.text.model;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.FraudType;
import org.fanzha.text.features.NgramHashing;
import org.fanzha.text.features.Signal;
import org.fanzha.text.features.SignalDetector;
import org.fanzha.text.features.SignalHit;
import org.fanzha.text.features.TextNormalizer;
import org.fanzha.text.url.UrlAssessment;

/**
 * Classifies a text with a {@link LinearTextModel} and explains the verdict with the phrases that
 * pushed hardest towards it. Thread-safe: all per-call state lives on the stack or in short arrays.
 */
public final class HashedTextClassifier implements ContentClassifier {

  /*
   * Design.
   * 1. Label: one pass computes every label's decision value z_k; p_k = sigmoid(z_k), normalised
   *    over labels (LIBLINEAR's one-vs-rest probability); the label is the arg-max and the score
   *    its normalised p.
   * 2. Reasons, only for fraud and spam labels (a normal text needs none, and skipping them keeps
   *    the common case to one pass): a second pass re-hashes the n-grams and keeps the 8 strongest
   *    occurrences for the winning label; their spans are merged when they overlap and shown as
   *    the original text. Signals whose weight for the label is positive join the ranking with
   *    their own weight. Up to 5 phrases are returned, strongest first.
   * 3. Links: a link whose own risk is ≥ 0.7 (look-alike bank or government domain, raw IP …)
   *    turns a "none"/"spam" verdict into "other" fraud, since a phishing link needs no other
   *    words; the link's reasons then lead the phrases.
   */

  /** Link risk at which a normal-looking text becomes {@code other} fraud. */
  public static final double PHISHING_LINK_THRESHOLD = 0.7;

  private static final int MAX_PHRASES = 5;
  private static final int TOP_NGRAMS = 8;

  private final LinearTextModel model;
  private final SignalDetector detector;
  private final FraudType[] fraudTypes;

  /** Returns a classifier over {@code model} using {@code detector} for the signal features. */
  public HashedTextClassifier(LinearTextModel model, SignalDetector detector) {
    this.model = model;
    this.detector = detector;
    this.fraudTypes = new FraudType[model.labelCount()];
    for (int k = 0; k < model.labelCount(); k++) {
      fraudTypes[k] = FraudType.fromWire(model.label(k));
    }
  }

  /** Returns the model. */
  public LinearTextModel model() {
    return model;
  }

  @Override
  public ContentVerdict classify(String text) {
    char[] norm = TextNormalizer.normalize(text);
    int mask = detector.mask(text, norm);
    int k = model.labelCount();
    float[] z = new float[k];
    model.decisionValues(norm, mask, z);
    int best = 0;
    double sum = 0;
    double bestP = -1;
    for (int c = 0; c < k; c++) {
      double p = 1.0 / (1.0 + Math.exp(-z[c]));
      sum += p;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    double score = sum > 0 ? bestP / sum : 0;
    String label = model.label(best);
    FraudType type = fraudTypes[best];
    boolean hasLink = (mask & (Signal.LINK.bit() | Signal.RISKY_LINK.bit())) != 0;
    if (type == null && !hasLink && ContentVerdict.NONE.equals(label)) {
      return new ContentVerdict(label, null, score, List.of());
    }
    List<UrlAssessment> links = new ArrayList<>(hasLink ? 2 : 0);
    List<SignalHit> hits = detector.hits(text, norm, links);
    if (type == null) {
      UrlAssessment worst = null;
      for (UrlAssessment a : links) {
        if (worst == null || a.score() > worst.score()) {
          worst = a;
        }
      }
      if (worst != null && worst.score() >= PHISHING_LINK_THRESHOLD) {
        List<String> phrases = new ArrayList<>();
        phrases.add(worst.url());
        worst.reasons().forEach(r -> phrases.add(r.textZh()));
        return new ContentVerdict(
            FraudType.OTHER.wireName(), FraudType.OTHER, worst.score(),
            phrases.subList(0, Math.min(MAX_PHRASES, phrases.size())));
      }
      if (ContentVerdict.NONE.equals(label)) {
        return new ContentVerdict(label, null, score, List.of());
      }
    }
    return new ContentVerdict(label, type, score, phrases(text, norm, best, hits));
  }

  /** Returns the phrases that contributed most to label {@code k}, strongest first. */
  List<String> phrases(String text, char[] norm, int k, List<SignalHit> hits) {
    int bits = model.bits();
    int[] topStart = new int[TOP_NGRAMS];
    int[] topLen = new int[TOP_NGRAMS];
    float[] topW = new float[TOP_NGRAMS];
    int filled = 0;
    for (int i = 0; i < norm.length; i++) {
      for (int n = 1; n <= NgramHashing.MAX_N; n++) {
        int b = NgramHashing.bucket(norm, i, n, bits);
        if (b < 0) {
          break;
        }
        float w = model.weight(b, k);
        if (w <= 0 || (n == 1 && !isWordChar(norm[i]))) {
          continue;
        }
        // insertion into a tiny sorted array (descending)
        int pos = filled < TOP_NGRAMS ? filled : TOP_NGRAMS - 1;
        if (filled == TOP_NGRAMS && w <= topW[pos]) {
          continue;
        }
        while (pos > 0 && topW[pos - 1] < w) {
          topW[pos] = topW[pos - 1];
          topStart[pos] = topStart[pos - 1];
          topLen[pos] = topLen[pos - 1];
          pos--;
        }
        topW[pos] = w;
        topStart[pos] = i;
        topLen[pos] = n;
        if (filled < TOP_NGRAMS) {
          filled++;
        }
      }
    }
    // Merge overlapping or touching spans: "安全" + "全账户" shows as "安全账户".
    List<float[]> spans = new ArrayList<>(); // {start, end, weight}
    for (int t = 0; t < filled; t++) {
      float s = topStart[t];
      float e = topStart[t] + topLen[t];
      float w = topW[t];
      boolean merged = false;
      for (float[] sp : spans) {
        if (s <= sp[1] && e >= sp[0]) {
          sp[0] = Math.min(sp[0], s);
          sp[1] = Math.max(sp[1], e);
          sp[2] += w;
          merged = true;
          break;
        }
      }
      if (!merged) {
        spans.add(new float[] {s, e, w});
      }
    }
    // Signals with a positive weight for this label compete with the n-gram spans.
    List<Object[]> ranked = new ArrayList<>(); // {weight(Float), phrase(String)}
    for (float[] sp : spans) {
      String phrase = text.substring((int) sp[0], (int) sp[1]).strip();
      if (!phrase.isEmpty()) {
        ranked.add(new Object[] {sp[2], phrase});
      }
    }
    int seen = 0;
    for (SignalHit h : hits) {
      if ((seen & h.signal().bit()) != 0) {
        continue;
      }
      float w = model.weight(model.signalRow(h.signal()), k);
      if (h.signal() == Signal.RISKY_LINK) {
        w = Math.max(w, 1f); // a risky link is always worth showing
      }
      if (w > 0) {
        seen |= h.signal().bit();
        ranked.add(new Object[] {w, signalPhrase(h, text)});
      }
    }
    ranked.sort((a, b) -> Float.compare((Float) b[0], (Float) a[0]));
    List<String> out = new ArrayList<>(MAX_PHRASES);
    for (Object[] r : ranked) {
      String p = (String) r[1];
      if (!out.contains(p)) {
        out.add(p);
      }
      if (out.size() == MAX_PHRASES) {
        break;
      }
    }
    return out;
  }

  private static String signalPhrase(SignalHit h, String text) {
    String matched = h.text(text).strip();
    switch (h.signal()) {
      case BANK_CARD:
      case ACCOUNT_NUMBER:
      case PHONE_NUMBER:
      case QQ_ID:
      case WECHAT_ID:
      case LINK:
      case RISKY_LINK:
      case MONEY:
        return h.signal().nameZh() + "：" + matched;
      default:
        return matched;
    }
  }

  private static boolean isWordChar(char c) {
    return Character.isLetter(c);
  }
}
