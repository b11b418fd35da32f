package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.FraudType;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.junit.jupiter.api.Test;

/** Text classified before the engine saw it is scored as if the engine had classified it. */
class ClassifiedTextTest {

  /**
   * A stand-in content model: fraud when the text urges a transfer or a link, as the simulator's
   * lures do.
   */
  private static final ContentClassifier MODEL =
      text ->
          text.contains("转") || text.contains("http")
              ? new ContentVerdict("police", FraudType.POLICE, 0.93, List.of("转"))
              : new ContentVerdict(ContentVerdict.NONE, null, 0.8, List.of());

  private static final ContentClassifier REFUSES =
      text -> {
        throw new AssertionError("classified in the engine: " + text);
      };

  @Test
  void verdictsHandedOverScoreAWorldAsTheEngineClassifyingItselfDoes() {
    List<Event> events = new ArrayList<>();
    World.generate(SimConfig.of(23, 1500, 3)).forEachEvent(events::add);
    Engine classifying = new Engine(EngineConfig.defaults().withContentClassifier(MODEL));
    ClassifiedText handed = new ClassifiedText(REFUSES);
    Engine given = new Engine(EngineConfig.defaults().withContentClassifier(handed));
    int classified = 0;
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (Event e : events) {
      String text = ClassifiedText.textOf(e);
      if (text != null) {
        ContentVerdict v = MODEL.classify(text);
        handed.next(text, ClassifiedText.verdict(v.label(), v.fraudType(), v.score()));
        classified += v.isFraud() ? 1 : 0;
      } else {
        handed.clear();
      }
      a.add(classifying.process(e).toString());
      b.add(given.process(e).toString());
    }
    assertThat(classified).as("the world has texts the model calls fraud").isPositive();
    assertThat(b).isEqualTo(a);
    assertThat(given.drainWarnings()).isEqualTo(classifying.drainWarnings());
  }

  @Test
  void aTextWithoutAVerdictGoesToTheModel() {
    ClassifiedText handed = new ClassifiedText(MODEL);
    ContentVerdict fraud = ClassifiedText.verdict("police", FraudType.POLICE, 0.99);
    handed.next("明天一起吃饭", fraud);
    assertThat(handed.classify("明天一起吃饭")).as("the text handed over").isSameAs(fraud);
    assertThat(handed.classify("请转账到安全账户").score()).as("another text").isEqualTo(0.93);
    handed.clear();
    assertThat(handed.classify("明天一起吃饭").isFraud()).as("after clear").isFalse();
  }
}
