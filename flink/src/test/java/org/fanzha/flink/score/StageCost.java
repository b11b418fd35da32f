package org.fanzha.flink.score;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.fanzha.core.codec.EventBinary;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.CheckedLine;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.io.RawLine;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;

/**
 * What each stage of the job costs a task per event, on one thread, printed: validation (the codec
 * and the content model, beside every source; it scales with the sources) and scoring (the one task
 * of stage 1; its cost caps the job's throughput whatever the parallelism). Not a test: run it with
 *
 * <pre>./mvnw -q install -DskipTests
 * ./mvnw -q -pl flink exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-Xmx6g -classpath %classpath org.fanzha.flink.score.StageCost PEOPLE DAYS ROUNDS"
 * </pre>
 *
 * <p>Each round replays the same simulated city (seed 5, content model on, as {@code ./fanzha
 * replay}) through a fresh validation and a fresh scorer; the first round warms the JIT, so later
 * rounds are the warm figures.
 */
public final class StageCost {

  public static void main(String[] args) throws Exception {
    int people = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<RawLine> lines = new ArrayList<>();
    EventCodec writer = new EventCodec();
    World.generate(SimConfig.of(5, people, days))
        .forEachEvent(
            e ->
                lines.add(
                    new RawLine(
                        -1, lines.size() + 1, writer.write(e).getBytes(StandardCharsets.UTF_8))));
    JobSettings settings = new JobSettings(null, true);
    System.out.printf(
        Locale.ROOT,
        "world: seed 5, %,d people, %d days, %,d events; content model on%n",
        people,
        days,
        lines.size());
    for (int round = 1; round <= rounds; round++) {
      EventCodec codec = Validation.codec(settings);
      EventBinary binary = new EventBinary();
      var classifier = settings.contentClassifier();
      List<CheckedLine> checked = new ArrayList<>(lines.size());
      long t0 = System.nanoTime();
      for (RawLine raw : lines) {
        checked.add(Validation.check(raw, codec, binary, classifier));
      }
      long t1 = System.nanoTime();
      long outputs = 0;
      try (OneInputStreamOperatorTestHarness<CheckedLine, Output> scorer =
          new OneInputStreamOperatorTestHarness<>(new ScoringOperator(settings))) {
        scorer.open();
        long t2 = System.nanoTime();
        for (int i = 0; i < checked.size(); i++) {
          scorer.processElement(new StreamRecord<>(checked.get(i)));
          if ((i & 0xFFFF) == 0) {
            outputs += scorer.getOutput().size();
            scorer.getOutput().clear();
          }
        }
        long t3 = System.nanoTime();
        outputs += scorer.getOutput().size();
        print(round, "validate (codec, binary form, content model)", lines.size(), t1 - t0);
        print(round, "score (decode, dedupe, engine, JSON out)", lines.size(), t3 - t2);
        System.out.printf(Locale.ROOT, "  round %d: %,d outputs%n", round, outputs);
      }
    }
  }

  private static void print(int round, String stage, int events, long nanos) {
    System.out.printf(
        Locale.ROOT,
        "  round %d: %-50s %6.2f µs/event = %,9.0f events/s on one thread%n",
        round,
        stage,
        nanos / 1e3 / events,
        events / (nanos / 1e9));
  }
}
