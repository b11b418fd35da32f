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
   *    the common case to one pass): a second pass re-hashes the 2- and 3-grams (a lone 你 explains
   *    nothing) outside links, and keeps the 8 whose contribution to the winning label most exceeds
   *    their mean contribution to all labels (an n-gram every label likes is no reason); their
   *    spans are merged when they overlap and shown as the original text. Signals join the ranking
   *    with their own lift over the mean. Up to 5 phrases are returned, strongest first.
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
            FraudType.OTHER.wireName(),
            FraudType.OTHER,
            worst.score(),
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
    int labels = model.labelCount();
    int[] topStart = new int[TOP_NGRAMS];
    int[] topLen = new int[TOP_NGRAMS];
    float[] topW = new float[TOP_NGRAMS];
    int filled = 0;
    float occ = NgramHashing.occurrenceWeight(NgramHashing.count(norm));
    // A link is shown whole as a signal; its letters make poor n-gram reasons ("tt" of "http").
    long linkSpans = 0; // up to 2 spans packed as (start << 16 | end), enough for a message
    int links = 0;
    for (SignalHit h : hits) {
      if ((h.signal() == Signal.LINK || h.signal() == Signal.RISKY_LINK)
          && links < 2
          && h.end() <= 0xFFFF) {
        linkSpans |= ((long) ((h.start() << 16) | (h.end() & 0xFFFF))) << (32 * links++);
      }
    }
    for (int i = 0; i < norm.length; i++) {
      if (insideLink(i, linkSpans, links)) {
        continue;
      }
      // Unigrams are skipped: a single 你 or 查 explains nothing to a person.
      for (int n = 2; n <= NgramHashing.MAX_N; n++) {
        int b = NgramHashing.bucket(norm, i, n, bits);
        if (b < 0) {
          break;
        }
        // Lift over the mean of all labels: an n-gram every label likes is no reason for this one.
        float w = (model.weight(b, k) - meanWeight(b, labels)) * occ;
        if (w <= 0) {
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
    List<Ranked> ranked = new ArrayList<>();
    for (float[] sp : spans) {
      String phrase = text.substring((int) sp[0], (int) sp[1]).strip();
      if (!phrase.isEmpty()) {
        ranked.add(new Ranked(sp[2], phrase));
      }
    }
    int seen = 0;
    for (SignalHit h : hits) {
      if ((seen & h.signal().bit()) != 0) {
        continue;
      }
      int row = model.signalRow(h.signal());
      float w = model.weight(row, k) - meanWeight(row, labels);
      if (h.signal() == Signal.RISKY_LINK) {
        w = Math.max(w, 1f); // a risky link is always worth showing
      }
      if (w > 0) {
        seen |= h.signal().bit();
        ranked.add(new Ranked(w, signalPhrase(h, text)));
      }
    }
    ranked.sort((a, b) -> Float.compare(b.weight, a.weight));
    List<String> out = new ArrayList<>(MAX_PHRASES);
    for (Ranked r : ranked) {
      String p = r.phrase;
      boolean overlaps = false;
      for (String o : out) {
        // "公安" adds nothing after "公安局"; the stronger of the two was ranked first
        overlaps |= o.contains(p) || p.contains(o);
      }
      if (!overlaps) {
        out.add(p);
      }
      if (out.size() == MAX_PHRASES) {
        break;
      }
    }
    return out;
  }

  private record Ranked(float weight, String phrase) {}

  private float meanWeight(int row, int labels) {
    float sum = 0;
    for (int c = 0; c < labels; c++) {
      sum += model.weight(row, c);
    }
    return sum / labels;
  }

  private static boolean insideLink(int i, long spans, int count) {
    for (int s = 0; s < count; s++) {
      long packed = spans >>> (32 * s);
      int start = (int) ((packed >>> 16) & 0xFFFF);
      int end = (int) (packed & 0xFFFF);
      if (i >= start && i < end) {
        return true;
      }
    }
    return false;
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
}
