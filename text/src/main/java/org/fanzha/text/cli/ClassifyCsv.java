package org.fanzha.text.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.text.TextClassifiers;

/**
 * Classifies the texts of a CSV file, or one text, with the shipped model: the work behind {@code
 * fanzha classify --input FILE.csv --text-column NAME --output OUT.csv}, {@code fanzha classify
 * --text "…"} and {@code POST /api/v1/classify}.
 */
public final class ClassifyCsv {

  /** Column added with the label ({@code none}, {@code spam} or a fraud type). */
  public static final String FRAUD_TYPE = "fraud_type";

  /** Column added with the score (0–1, confidence in the label). */
  public static final String SCORE = "score";

  /** Column added with the reasons (phrases joined by {@value #REASON_SEPARATOR}). */
  public static final String REASONS = "reasons";

  /** Separator of the phrases in the reasons column. */
  public static final String REASON_SEPARATOR = " | ";

  /**
   * What one run did.
   *
   * @param rows data rows classified
   * @param fraud rows judged fraud
   * @param spam rows judged spam
   */
  public record Summary(long rows, long fraud, long spam) {}

  private ClassifyCsv() {}

  /**
   * Classifies {@code in} with the shipped model; see {@link #run(Path, String, Path,
   * ContentClassifier)}.
   */
  public static Summary run(Path in, String textColumn, Path out) throws IOException {
    return run(in, textColumn, out, TextClassifiers.loadDefault());
  }

  /**
   * Reads a UTF-8 CSV with a header row from {@code in} and writes {@code out}: every input column
   * as it was, then {@code fraud_type}, {@code score} and {@code reasons}. Quoted fields with
   * embedded newlines are kept intact. A UTF-8 byte-order mark is ignored.
   *
   * @throws IllegalArgumentException when the header has no column {@code textColumn} (the message
   *     lists the columns it has)
   */
  public static Summary run(Path in, String textColumn, Path out, ContentClassifier classifier)
      throws IOException {
    CSVFormat inFormat = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    long rows = 0;
    long fraud = 0;
    long spam = 0;
    try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
      try (CSVParser parser = inFormat.parse(reader)) {
        List<String> header = parser.getHeaderNames();
        Map<String, Integer> index = parser.getHeaderMap();
        Integer col = index.get(textColumn);
        if (col == null) {
          throw new IllegalArgumentException(
              "no column '" + textColumn + "' in " + in + "; columns: " + header);
        }
        List<String> outHeader = new ArrayList<>(header);
        outHeader.add(FRAUD_TYPE);
        outHeader.add(SCORE);
        outHeader.add(REASONS);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer =
                CSVFormat.RFC4180
                    .builder()
                    .setHeader(outHeader.toArray(new String[0]))
                    .get()
                    .print(w)) {
          List<String> values = new ArrayList<>(outHeader.size());
          for (CSVRecord r : parser) {
            values.clear();
            for (int i = 0; i < header.size(); i++) {
              values.add(i < r.size() ? r.get(i) : "");
            }
            String text = col < r.size() ? r.get(col) : "";
            ContentVerdict v = classifier.classify(text);
            values.add(v.label());
            values.add(String.format(java.util.Locale.ROOT, "%.4f", v.score()));
            values.add(String.join(REASON_SEPARATOR, v.phrases()));
            printer.printRecord(values);
            rows++;
            if (v.isFraud()) {
              fraud++;
            } else if (ContentVerdict.SPAM.equals(v.label())) {
              spam++;
            }
          }
        }
      }
    }
    return new Summary(rows, fraud, spam);
  }

  /** Returns the verdict of the shipped model for one text. */
  public static ContentVerdict classifyOne(String text) {
    return TextClassifiers.loadDefault().classify(text);
  }

  /**
   * Returns one verdict as a line of text for a terminal: label, Chinese type name, score and
   * reasons.
   */
  public static String describe(ContentVerdict v) {
    StringBuilder b = new StringBuilder();
    b.append(v.label());
    if (v.fraudType() != null) {
      b.append(" (").append(v.fraudType().nameZh()).append(')');
    }
    b.append(String.format(java.util.Locale.ROOT, " score=%.4f", v.score()));
    if (!v.phrases().isEmpty()) {
      b.append(" reasons: ").append(String.join(REASON_SEPARATOR, v.phrases()));
    }
    return b.toString();
  }
}
