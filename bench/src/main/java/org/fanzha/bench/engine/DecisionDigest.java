package org.fanzha.bench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.NdjsonLines;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Warning;
import org.fanzha.text.TextClassifiers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Replays an NDJSON events file through a fresh engine and prints a SHA-256 digest of every
 * decision, every warning and the final risk of every entity, so that two builds of the engine can
 * be shown to decide identically on the same fixed input (a world file generated once, so that
 * simulator changes do not enter the comparison).
 *
 * <p>Before/after check of a change to the engine's state layout: generate one world file with the
 * simulator ({@code ./fanzha simulate --seed 42 --people 10000 --days 4 --out world.ndjson}), build
 * the engine before the change into a jar, and run this class twice on that file with the same
 * {@code pairs.log2_bits}: once with that jar ahead of {@code benchmarks.jar} on the class path,
 * once without. The three digests must match. (The fixed Bloom filter, e.g. 26, reproduces the
 * former default exactly; the growing fingerprint set, 0, answers "seen before" differently only on
 * the filter's false positives.)
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.fanzha.bench.engine.DecisionDigest
 * events.ndjson [pairs.log2_bits [decisions.txt]]}; with a third argument every decision line is
 * also written to that file, to see where two builds differ. With {@code -Dfanzha.text=true} SMS
 * are scored with the shipped content model, as the server does, so that the lure and content paths
 * are compared too.
 */
@Command(
    name = "decision-digest",
    mixinStandardHelpOptions = true,
    description =
        "Replays an events file through the engine and prints digests of its decisions, warnings and risks "
            + "(to see that a change moves nothing, or what it moves). -Dfanzha.text=true scores SMS text.")
public final class DecisionDigest implements Callable<Integer> {

  @Parameters(index = "0", description = "events file (NDJSON)")
  Path events;

  @Parameters(
      index = "1",
      arity = "0..1",
      description = "a fixed Bloom filter of 2^N bits as the pair memory")
  Integer pairsLog2Bits;

  @Parameters(index = "2", arity = "0..1", description = "write every decision's line to this file")
  Path dumpFile;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DecisionDigest()).execute(args));
  }

  private DecisionDigest() {}

  @Override
  public Integer call() throws IOException, NoSuchAlgorithmException {
    EngineConfig cfg = EngineConfig.defaults();
    if (pairsLog2Bits != null) {
      cfg = cfg.with("pairs.log2_bits", pairsLog2Bits);
    }
    if (Boolean.getBoolean("fanzha.text")) {
      cfg = cfg.withContentClassifier(TextClassifiers.loadDefaultCached());
    }
    Engine engine = new Engine(cfg);
    EventCodec codec = new EventCodec();
    MessageDigest decisions = MessageDigest.getInstance("SHA-256");
    MessageDigest warnings = MessageDigest.getInstance("SHA-256");
    MessageDigest entities = MessageDigest.getInstance("SHA-256");
    long[] n = new long[3]; // events, decisions with a score, warnings
    java.io.Writer dump =
        dumpFile != null ? Files.newBufferedWriter(dumpFile) : java.io.Writer.nullWriter();
    try (InputStream in = Files.newInputStream(events);
        dump) {
      NdjsonLines.forEach(
          in,
          (bytes, off, len, line) -> {
            ParseResult r = codec.parse(bytes, off, len, line);
            if (r instanceof ParseResult.Accepted a) {
              Decision d = engine.process(a.event());
              n[0]++;
              if (!d.isNone()) {
                n[1]++;
              }
              String row =
                  d.eventId()
                      + '|'
                      + d.entityKind()
                      + '|'
                      + d.entity()
                      + '|'
                      + d.score()
                      + '|'
                      + d.level()
                      + '|'
                      + d.action()
                      + '|'
                      + codes(d.reasons());
              update(decisions, row);
              try {
                dump.write(row);
                dump.write('\n');
              } catch (IOException x) {
                throw new java.io.UncheckedIOException(x);
              }
              for (Warning w : engine.drainWarnings()) {
                n[2]++;
                update(warnings, w.toString());
              }
            }
          });
    }
    engine.forEachRisk(e -> update(entities, risk(e)));
    System.out.printf(
        Locale.ROOT, "events %,d, decisions with a score %,d, warnings %,d%n", n[0], n[1], n[2]);
    System.out.println("decisions " + hex(decisions));
    System.out.println("warnings  " + hex(warnings));
    System.out.println("entities  " + hex(entities));
    return 0;
  }

  private static String risk(EntityRisk e) {
    // roles sorted: an immutable Set's iteration order changes from one JVM run to the next
    return e.entityKind()
        + "|"
        + e.entity()
        + "|"
        + e.score()
        + "|"
        + e.level()
        + "|"
        + new java.util.TreeSet<>(e.roles())
        + "|"
        + codes(e.reasons());
  }

  private static String codes(java.util.List<Reason> reasons) {
    StringBuilder b = new StringBuilder();
    for (Reason r : reasons) {
      b.append(r.code()).append(',');
    }
    return b.toString();
  }

  private static void update(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) '\n');
  }

  private static String hex(MessageDigest md) {
    return HexFormat.of().formatHex(md.digest());
  }
}
