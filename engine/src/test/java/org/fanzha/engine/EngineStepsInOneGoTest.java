package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.FraudType;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A call's, message's or transfer's parts run in one go (decision 0046) in the order the buffer of
 * parts lists them, which the keyed engines follow: an engine running every part one by one decides
 * alike and ends in the same state, byte for byte. The snapshot holds the ids entities were given
 * in the order they were met, so two parts run the other way round show there too.
 */
class EngineStepsInOneGoTest {

  @ParameterizedTest
  @ValueSource(ints = {11, 23})
  void process_inOneGoAndPartByPart_decidesAlikeAndEndsInTheSameState(int seed) throws IOException {
    List<Event> events = new ArrayList<>();
    World.generate(SimConfig.of(seed, 1500, 3)).forEachEvent(events::add);
    assertThat(events)
        .extracting(Event::type)
        .contains(EventType.CALL, EventType.SMS, EventType.TRANSFER);
    // messages with a link are lures (the text module's model is not this module's), so a
    // message's receiver holds what its sender's part found
    EngineConfig config =
        EngineConfig.defaults()
            .withContentClassifier(
                text ->
                    text.contains("http")
                        ? new ContentVerdict(
                            FraudType.INVESTMENT.wireName(), FraudType.INVESTMENT, 0.95, List.of())
                        : new ContentVerdict(ContentVerdict.NONE, null, 0.9, List.of()));
    Engine inOneGo = new Engine(config);
    Engine partByPart = new Engine(config);
    partByPart.runPartsOneByOne();
    List<String> one = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Event e : events) {
      one.add(inOneGo.process(e).toString());
      parts.add(partByPart.process(e).toString());
    }
    assertThat(one).isEqualTo(parts);
    assertThat(inOneGo.drainWarnings()).isEqualTo(partByPart.drainWarnings());
    assertThat(snapshot(inOneGo)).isEqualTo(snapshot(partByPart));
  }

  private static byte[] snapshot(Engine e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    e.writeSnapshot(out);
    return out.toByteArray();
  }
}
