package org.fanzha.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.Event;

/**
 * Coverage-guided fuzzing of the codec (Jazzer): whatever bytes arrive, reading a body never
 * throws, gives each event one result with a positive position, accepts only events every store can
 * keep, and what it accepts it writes back and reads again unchanged. {@code ./mvnw verify} fuzzes
 * for a bounded time (JAZZER_FUZZ is set for this module's tests); without it the seeds in {@code
 * EventCodecFuzzTestInputs} and past findings run as regression tests.
 */
class EventCodecFuzzTest {

  private final EventCodec codec = new EventCodec();

  @FuzzTest(maxDuration = "30s")
  void parseBody_anyBytes_neverThrowsAndKeepsOnlyStorableEvents(byte[] body) {
    List<ParseResult> results = new ArrayList<>();
    codec.forEachInBody(body, results::add);

    long last = 0;
    for (ParseResult r : results) {
      assertThat(r.line()).isPositive().isGreaterThanOrEqualTo(last);
      last = r.line();
      if (r instanceof ParseResult.Accepted a) {
        Event e = a.event();
        assertThat(TextCheck.problem(e.id(), false)).isNull();
        String line = codec.write(e);
        assertThat(TextCheck.problem(line, false)).as(line).isNull();
        ParseResult back = codec.parse(line, 1);
        assertThat(back).as(line).isInstanceOf(ParseResult.Accepted.class);
        assertThat(((ParseResult.Accepted) back).event()).isEqualTo(e);
      } else {
        Rejection rej = ((ParseResult.Rejected) r).rejection();
        assertThat(rej.field()).isNotBlank();
        assertThat(rej.reason()).isNotBlank();
      }
    }
  }
}
