package org.fanzha.server.lists;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.store.ListEntry;
import org.jspecify.annotations.Nullable;

/**
 * Lists in and out as CSV (API.md: {@code list,kind,value,reason,source,expires_at}, a header line
 * first). An import checks every row as a single add would and reports each refused row by line,
 * field and reason; the rows that pass are stored and applied.
 */
final class ListCsv {

  static final String[] COLUMNS = {"list", "kind", "value", "reason", "source", "expires_at"};
  private static final CSVFormat IN =
      CSVFormat.RFC4180
          .builder()
          .setHeader(COLUMNS)
          .setSkipHeaderRecord(true)
          .setIgnoreSurroundingSpaces(true)
          .setTrim(true)
          .get();
  private static final int CHUNK = 5000;
  private static final CSVFormat OUT = CSVFormat.RFC4180.builder().setHeader(COLUMNS).get();

  /** One refused row. */
  record RowError(long line, String field, String reason) {}

  /** What an import did. */
  record Imported(int stored, List<RowError> errors) {}

  private ListCsv() {}

  /**
   * Reads rows, checks each with {@code service}, stores those that pass. At most {@code maxErrors}
   * are listed.
   */
  static Imported read(Reader in, ListService service, Caller author, long now, int maxErrors)
      throws IOException {
    Chunk chunk = new Chunk(service, author, now, maxErrors);
    for (CSVRecord r : IN.parse(in)) {
      long line = r.getRecordNumber() + 1; // the header is line 1
      try {
        if (r.size() != COLUMNS.length) {
          throw new BadRequestException(
              "row: "
                  + COLUMNS.length
                  + " columns expected ("
                  + String.join(",", COLUMNS)
                  + "), found "
                  + r.size());
        }
        ListName list = ListName.fromWire(r.get("list"));
        if (list == null) {
          throw new BadRequestException(
              "list: unknown value '" + r.get("list") + "'; expected " + ListName.allowed());
        }
        ListKind kind = ListKind.fromWire(r.get("kind"));
        if (kind == null) {
          throw new BadRequestException(
              "kind: unknown value '" + r.get("kind") + "'; expected " + ListKind.allowed());
        }
        chunk.add(
            line,
            service.prepare(
                new ListService.NewEntry(
                    list,
                    kind,
                    r.get("value"),
                    null,
                    null,
                    r.get("reason"),
                    r.get("source").isEmpty() ? "import" : r.get("source"),
                    null,
                    null,
                    null,
                    expires(r.get("expires_at"))),
                author,
                now));
      } catch (BadRequestException e) {
        chunk.refuse(line, e);
      }
    }
    chunk.flush();
    return chunk.result();
  }

  /**
   * Rows checked on their own, held until {@link #CHUNK} of them are checked together against what
   * stands in the store (one query per kind, not one per row) and against each other, then stored
   * and applied.
   */
  private static final class Chunk {
    private final ListService service;
    private final Caller author;
    private final long now;
    private final int maxErrors;
    private final List<ListEntry> entries = new ArrayList<>();
    private final List<Long> lines = new ArrayList<>();
    private final List<RowError> errors = new ArrayList<>();
    private long refused;
    private int stored;

    Chunk(ListService service, Caller author, long now, int maxErrors) {
      this.service = service;
      this.author = author;
      this.now = now;
      this.maxErrors = maxErrors;
    }

    void add(long line, ListEntry e) {
      entries.add(e);
      lines.add(line);
      if (entries.size() == CHUNK) {
        flush();
      }
    }

    void refuse(long line, BadRequestException e) {
      refused++;
      if (errors.size() < maxErrors) {
        String m = Objects.toString(e.getMessage(), "refused");
        int colon = m.indexOf(':');
        errors.add(
            new RowError(
                line,
                colon > 0 ? m.substring(0, colon) : "row",
                colon > 0 ? m.substring(colon + 1).strip() : m));
      }
    }

    void flush() {
      if (entries.isEmpty()) {
        return;
      }
      Map<ListKind, Map<String, List<ListEntry>>> standing = new EnumMap<>(ListKind.class);
      for (ListKind k : ListKind.values()) {
        List<String> values =
            entries.stream().filter(e -> e.kind() == k).map(ListEntry::value).toList();
        if (!values.isEmpty()) {
          standing.put(k, new HashMap<>(service.standing(k, values)));
        }
      }
      List<ListEntry> accepted = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        ListEntry e = entries.get(i);
        List<ListEntry> against =
            Objects.requireNonNull(standing.get(e.kind()))
                .computeIfAbsent(e.value(), v -> new ArrayList<>());
        try {
          ListService.checkAgainst(e, against);
          accepted.add(e);
          against.add(e); // a later row of the same file meets it too
        } catch (BadRequestException x) {
          refuse(lines.get(i), x);
        }
      }
      stored += accepted.isEmpty() ? 0 : service.addAll(accepted, author);
      entries.clear();
      lines.clear();
    }

    Imported result() {
      List<RowError> listed = new ArrayList<>(errors);
      listed.sort(java.util.Comparator.comparingLong(RowError::line));
      if (refused > listed.size()) {
        listed.add(
            new RowError(0, "rows", (refused - listed.size()) + " more rows refused, not listed"));
      }
      return new Imported(stored, listed);
    }
  }

  private static @Nullable Long expires(String raw) {
    if (raw.isEmpty()) {
      return null;
    }
    try {
      return Timestamps.parseIso(raw);
    } catch (RuntimeException e) {
      throw new BadRequestException(
          "expires_at: an ISO-8601 time with offset, e.g. 2027-06-30T00:00:00+08:00");
    }
  }

  /**
   * Writes the entries {@code source} hands over as CSV rows, header first, without holding them
   * all.
   */
  static void write(Writer out, Consumer<Consumer<ListEntry>> source) throws IOException {
    CSVPrinter p = new CSVPrinter(out, OUT); // not closed: the caller owns the stream
    source.accept(
        e -> {
          try {
            p.printRecord(
                e.list().wireName(),
                e.kind().wireName(),
                e.value(),
                inert(e.reason()),
                inert(e.source()),
                e.expiresAtMs() == null ? "" : Timestamps.format(e.expiresAtMs()));
          } catch (IOException x) {
            throw new UncheckedIOException(x);
          }
        });
    p.flush();
  }

  /**
   * Free text as a spreadsheet will not run it: a cell starting with {@code = + - @}, a tab or a
   * carriage return is read as a formula by Excel and LibreOffice, so it is written after an
   * apostrophe (OWASP's CSV injection advice). Values need no such care: normalised identifiers
   * never start that way, and a phone's {@code +86} is read as a number.
   */
  static String inert(String text) {
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }
}
