package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Wherever a crash cuts the log, recovery returns exactly the records written whole before the cut,
 * in order.
 */
class JournalLogProperties {

  @Property(tries = 200)
  void aCutAnywhere_recoversTheWholeRecordsBeforeIt(
      @ForAll @Size(min = 1, max = 30) List<@StringLength(max = 300) String> lines,
      @ForAll @IntRange(min = 1, max = 7) int batch,
      @ForAll @IntRange(min = 0, max = 1_000_000) int cutPermille)
      throws Exception {
    Path dir = Files.createTempDirectory("journal-log-prop");
    try {
      List<JournalLog.Entry> written = new ArrayList<>();
      List<Long> endsAt = new ArrayList<>(); // file size after each record's batch
      try (JournalLog log = JournalLog.open(dir)) {
        log.recover(e -> {});
        for (int i = 0; i < lines.size(); i += batch) {
          List<JournalLog.Entry> b = new ArrayList<>();
          for (int k = i; k < Math.min(lines.size(), i + batch); k++) {
            b.add(new JournalLog.Entry(k + 1, 7L * k, lines.get(k)));
          }
          log.append(b);
          written.addAll(b);
        }
      }
      Path segment;
      try (Stream<Path> s = Files.list(dir)) {
        segment = s.findFirst().orElseThrow();
      }
      long size = Files.size(segment);
      long cut = size * cutPermille / 1_000_000;
      // where each record ends: header 24 bytes + its UTF-8 length
      long at = 0;
      int whole = 0;
      for (JournalLog.Entry e : written) {
        at += 24 + e.line().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        endsAt.add(at);
        if (at <= cut) {
          whole++;
        }
      }
      assertThat(endsAt.get(endsAt.size() - 1)).isEqualTo(size);
      try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
        ch.truncate(cut);
      }
      List<JournalLog.Entry> back = new ArrayList<>();
      try (JournalLog log = JournalLog.open(dir)) {
        log.recover(back::add);
      }
      assertThat(back).containsExactlyElementsOf(written.subList(0, whole));
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
