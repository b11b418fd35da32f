package org.fanzha.sim.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** A named list of {@link RoleScore} rows printed as an aligned text or Markdown table. */
public final class ScoreTable {

  /** One row: a label (e.g. {@code phone/fraud_number}) and its score. */
  public record Row(String name, RoleScore score) {}

  private final String title;
  private final List<Row> rows = new ArrayList<>();

  public ScoreTable(String title) {
    this.title = title;
  }

  /** Adds a row and returns this table. */
  public ScoreTable add(String name, RoleScore score) {
    rows.add(new Row(name, score));
    return this;
  }

  public List<Row> rows() {
    return Collections.unmodifiableList(rows);
  }

  /** Returns the table as fixed-width text, one row per line, with a title line. */
  public String toText() {
    int w = "role".length();
    for (Row r : rows) {
      w = Math.max(w, r.name().length());
    }
    StringBuilder sb = new StringBuilder(title).append('\n');
    String fmt = "%-" + w + "s %9s %9s %7s %7s %7s %7s%n";
    sb.append(
        String.format(Locale.ROOT, fmt, "role", "precision", "recall", "f1", "tp", "fp", "fn"));
    for (Row r : rows) {
      RoleScore s = r.score();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-" + w + "s %9.3f %9.3f %7.3f %7d %7d %7d%n",
              r.name(),
              s.precision(),
              s.recall(),
              s.f1(),
              s.truePositives(),
              s.falsePositives(),
              s.falseNegatives()));
    }
    return sb.toString();
  }

  /** Returns the table in Markdown (for READMEs). */
  public String toMarkdown() {
    StringBuilder sb =
        new StringBuilder("| ")
            .append(title)
            .append(" | precision | recall | F1 | tp | fp | fn |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      RoleScore s = r.score();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %.3f | %.3f | %d | %d | %d |%n",
              r.name(),
              s.precision(),
              s.recall(),
              s.f1(),
              s.truePositives(),
              s.falsePositives(),
              s.falseNegatives()));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toText();
  }
}
