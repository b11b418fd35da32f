package org.fanzha.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.fanzha.engine.EngineConfig;
import org.fanzha.server.runner.EmbeddedRunner;
import org.fanzha.server.runner.RunnerSettings;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing of event intake (Jazzer) through the real controller, service, runner and
 * H2 journal: whatever body and content type a client sends, the answer is never a 5xx, and every
 * event the answer counts as accepted is in the journal (nothing acknowledged is lost). {@code
 * ./mvnw verify} fuzzes for a bounded time; with {@code -Djazzer.fuzz=} only the seeds in {@code
 * IntakeFuzzTestInputs} run.
 */
class IntakeFuzzTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] CONTENT_TYPES = {
    "application/x-ndjson",
    "application/json",
    "text/plain",
    "application/x-ndjson; charset=utf-16",
    "application/json; charset=UTF-8",
    "application/octet-stream"
  };

  private static Path data;
  private static Database db;
  private static EmbeddedRunner runner;
  private static MockMvc mvc;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("fanzha-intake-fuzz");
    db = Database.openH2(data);
    runner =
        new EmbeddedRunner(
            db,
            EngineConfig.defaults(),
            new RunnerSettings(1_000, 64, 1_000_000, Duration.ofHours(1)));
    runner.start();
    // Small bounds, so the fuzzer reaches them; the fixtures' morning as "now", so their times are
    // inside the window.
    IngestSettings settings =
        new IngestSettings(1 << 20, 200, 5, 10, 4096, Duration.ofDays(30), Duration.ofMinutes(15));
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);
    IngestService ingest =
        new IngestService(runner, db, new SimpleMeterRegistry(), settings, clock);
    mvc =
        MockMvcBuilders.standaloneSetup(new EventsController(ingest, settings))
            .setControllerAdvice(new IngestProblemHandler())
            .build();
  }

  @AfterAll
  static void stop() {
    runner.close();
    db.close();
    TestDirs.delete(data); // the H2 file reaches gigabytes in one bounded fuzzing run
  }

  @FuzzTest(maxDuration = "45s")
  void postEvents_anyBody_neverFailsTheServerAndLosesNothingAccepted(FuzzedDataProvider data)
      throws Exception {
    String contentType = CONTENT_TYPES[data.consumeInt(0, CONTENT_TYPES.length - 1)];
    byte[] body = data.consumeRemainingAsBytes();

    long journaledBefore = db.journal().count();
    MockHttpServletResponse r =
        mvc.perform(post("/api/v1/events").contentType(contentType).content(body))
            .andReturn()
            .getResponse();

    assertThat(r.getStatus()).as(r.getContentAsString()).isLessThan(500);
    if (r.getStatus() == 200 || r.getStatus() == 400) {
      JsonNode answer = JSON.readTree(r.getContentAsByteArray());
      if (answer.has("received")) {
        assertThat(
                answer.get("accepted").asLong()
                    + answer.get("duplicates").asLong()
                    + answer.get("rejected").asLong())
            .isEqualTo(answer.get("received").asLong());
        assertThat(db.journal().count() - journaledBefore)
            .isEqualTo(answer.get("accepted").asLong());
      }
    }
  }
}
