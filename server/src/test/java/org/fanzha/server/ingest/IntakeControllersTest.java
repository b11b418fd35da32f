package org.fanzha.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Level;
import org.fanzha.server.lists.ListService;
import org.fanzha.server.lists.ListedParties;
import org.fanzha.server.runner.Outcome;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.verifications.VerificationDesk;
import org.fanzha.server.warnings.WarningDesk;
import org.fanzha.store.Database;
import org.fanzha.store.Quarantine;
import org.fanzha.store.QuarantinedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The intake endpoints' answers: problem+json naming each refused event, counts, the decision
 * shape.
 */
@WebMvcTest(
    controllers = {EventsController.class, DecideController.class},
    properties = {
      "fanzha.ingest.max-events=50",
      "fanzha.ingest.max-errors-listed=3",
      "fanzha.ingest.max-quarantined=5"
    })
@AutoConfigureMockMvc(addFilters = false)
@Import({
  IngestService.class,
  DecideService.class,
  ListedParties.class,
  IntakeControllersTest.Meters.class
})
class IntakeControllersTest {

  @TestConfiguration
  @EnableConfigurationProperties(IngestSettings.class)
  static class Meters {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    /** The fixtures' morning: their events are minutes old. */
    @Bean
    Clock clock() {
      return Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);
    }
  }

  static final String CALL =
      """
      {"type":"call","id":"c1","ts":"2026-11-27T09:15:02+08:00","caller":"+8617012345678","callee":"13800138000","duration_s":412}""";
  static final String TRANSFER =
      """
      {"type":"transfer","id":"t1","ts":"2026-11-27T09:31:45+08:00","from":"622202020011223","to":"621700001000123","amount":"49000.00","from_phone":"13800138000"}""";
  static final String NEGATIVE_AMOUNT =
      """
      {"type":"transfer","id":"t2","ts":"2026-11-27T09:32:00+08:00","from":"622202020011223","to":"621700001000123","amount":"-5"}""";
  static final String BAD_PHONE =
      """
      {"type":"sms","id":"s1","ts":"2026-11-27T09:32:00+08:00","sender":"12","receiver":"13800138000","text":"hi"}""";

  @Autowired MockMvc mvc;
  @Autowired MeterRegistry meters;
  @MockitoBean Runner runner;
  @MockitoBean WarningDesk warnings; // no open warnings: its answers are Optional.empty()
  @MockitoBean Database db;
  @MockitoBean ListService lists; // no list entries: its answers are empty

  @MockitoBean
  VerificationDesk verifications; // nothing restricted: its answers are Optional.empty()

  Quarantine quarantine;
  final List<List<? extends Event>> submitted = new ArrayList<>();

  @BeforeEach
  void wire() {
    quarantine = mock(Quarantine.class);
    when(db.quarantine()).thenReturn(quarantine);
    // The runner journals and decides each event: a high-risk decision naming the payee.
    when(runner.submit(anyList()))
        .thenAnswer(
            inv -> {
              List<? extends Event> events = inv.getArgument(0);
              submitted.add(events);
              List<Outcome.Item> items = new ArrayList<>();
              long seq = 1;
              for (Event e : events) {
                items.add(
                    new Outcome.Item(
                        e.id(),
                        seq++,
                        new Decision(
                            e.id(),
                            EntityKind.ACCOUNT,
                            "621700001000123",
                            75,
                            Level.HIGH,
                            Action.DELAY,
                            List.of(new Reason("AC_FAST_OUT", "快进快出", "Money in and out fast")))));
              }
              return CompletableFuture.completedFuture(new Outcome(items));
            });
    when(runner.decide(any()))
        .thenAnswer(inv -> runner.submit(List.of((Event) inv.getArgument(0))));
  }

  @Test
  void postEvents_allValidNdjson_answers200WithCounts() throws Exception {
    mvc.perform(
            post("/api/v1/events")
                .contentType("application/x-ndjson")
                .content(CALL + "\n" + TRANSFER + "\n"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.received").value(2))
        .andExpect(jsonPath("$.accepted").value(2))
        .andExpect(jsonPath("$.rejected").value(0))
        .andExpect(jsonPath("$.decisions_by_level.high").value(2));
    assertThat(submitted).hasSize(1);
    assertThat(submitted.get(0)).extracting(Event::id).containsExactly("c1", "t1");
    verify(quarantine, never()).record(any(), anyList());
  }

  @Test
  void postEvents_someInvalidInArray_answers400ProblemNamingEachAndAcceptsTheRest()
      throws Exception {
    String body = "[" + CALL + "," + NEGATIVE_AMOUNT + "," + TRANSFER + "," + BAD_PHONE + "]";

    mvc.perform(post("/api/v1/events").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:fanzha:problem:invalid-events"))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.accepted").value(2))
        .andExpect(jsonPath("$.rejected").value(2))
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(jsonPath("$.errors[0].position").value(2))
        .andExpect(jsonPath("$.errors[0].id").value("t2"))
        .andExpect(jsonPath("$.errors[0].field").value("amount"))
        .andExpect(jsonPath("$.errors[0].reason").isNotEmpty())
        .andExpect(jsonPath("$.errors[1].position").value(4))
        .andExpect(jsonPath("$.errors[1].id").value("s1"))
        .andExpect(jsonPath("$.errors[1].field").value("sender"));
    assertThat(submitted.get(0)).extracting(Event::id).containsExactly("c1", "t1");
    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<QuarantinedEvent>> q = ArgumentCaptor.forClass(List.class);
    verify(quarantine).record(eq("api:/api/v1/events"), q.capture());
    assertThat(q.getValue())
        .extracting(QuarantinedEvent::field)
        .containsExactly("amount", "sender");
    assertThat(q.getValue().get(0).raw()).contains("\"id\":\"t2\"").contains("-5");
  }

  @Test
  void postEvents_malformedNdjsonLine_refusesOnlyThatLine() throws Exception {
    mvc.perform(
            post("/api/v1/events")
                .contentType("application/x-ndjson")
                .content(CALL + "\n{\"type\":\"call\",\n" + TRANSFER))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.accepted").value(2))
        .andExpect(jsonPath("$.errors[0].position").value(2))
        .andExpect(jsonPath("$.errors[0].field").value("(json)"));
  }

  @Test
  void postEvents_emptyBody_answers400() throws Exception {
    mvc.perform(post("/api/v1/events").contentType("application/x-ndjson").content("  \n"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("(body)"));
    assertThat(submitted).isEmpty();
  }

  @Test
  void decide_validTransfer_answersTheDecisionInReplayShape() throws Exception {
    mvc.perform(post("/api/v1/decide").contentType(MediaType.APPLICATION_JSON).content(TRANSFER))
        .andExpect(status().isOk())
        .andExpect(header().string(DecideAnswer.DUPLICATE_HEADER, "false"))
        .andExpect(jsonPath("$.event_id").value("t1"))
        .andExpect(jsonPath("$.entity_kind").value("account"))
        .andExpect(jsonPath("$.score").value(75))
        .andExpect(jsonPath("$.level").value("high"))
        .andExpect(jsonPath("$.action").value("delay"))
        .andExpect(jsonPath("$.reasons[0].code").value("AC_FAST_OUT"))
        .andExpect(jsonPath("$.reasons[0].text_zh").value("快进快出"));
  }

  @Test
  void decide_aTypeNotDecided_answers400NamingType() throws Exception {
    String handset =
        "{\"type\":\"device\",\"id\":\"d1\",\"ts\":\"2026-11-27T09:20:10+08:00\","
            + "\"subscriber\":\"13800138000\",\"kind\":\"screen_share\",\"target\":\"com.example.meeting\"}";
    mvc.perform(post("/api/v1/decide").contentType(MediaType.APPLICATION_JSON).content(handset))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("type"))
        .andExpect(
            jsonPath("$.errors[0].reason")
                .value(
                    org.hamcrest.Matchers.startsWith(
                        "must be transfer, call, sms or opening for a decision, not device")));
    assertThat(submitted).isEmpty();
  }

  @Test
  void decide_invalidAmount_answers400NamingAmount() throws Exception {
    mvc.perform(
            post("/api/v1/decide").contentType(MediaType.APPLICATION_JSON).content(NEGATIVE_AMOUNT))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].id").value("t2"))
        .andExpect(jsonPath("$.errors[0].field").value("amount"));
  }

  @Test
  void postEvents_runnerRefuses_answers503AndAcceptsNothing() throws Exception {
    when(runner.submit(anyList()))
        .thenThrow(new java.util.concurrent.RejectedExecutionException("queue full"));
    double shedBefore = meters.counter("fanzha.intake.shed").count();
    mvc.perform(post("/api/v1/events").contentType("application/x-ndjson").content(CALL))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.type").value("urn:fanzha:problem:unavailable"));
    assertThat(meters.counter("fanzha.intake.shed").count())
        .as("a shed submission is counted")
        .isEqualTo(shedBefore + 1);
  }

  @Test
  void postEvents_manyBadLines_listsTheFirstKeepsSomeAndCountsAll() throws Exception {
    mvc.perform(
            post("/api/v1/events")
                .contentType("application/x-ndjson")
                .content("{\n".repeat(40) + CALL))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.received").value(41))
        .andExpect(jsonPath("$.accepted").value(1))
        .andExpect(jsonPath("$.rejected").value(40))
        .andExpect(jsonPath("$.errors.length()").value(3))
        .andExpect(jsonPath("$.errors_not_listed").value(37));
    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<QuarantinedEvent>> q = ArgumentCaptor.forClass(List.class);
    verify(quarantine).record(eq("api:/api/v1/events"), q.capture());
    // Five kept one by one, then one row counting the other 35.
    assertThat(q.getValue()).hasSize(6);
    assertThat(q.getValue().get(5).field()).isEqualTo("(more)");
    assertThat(q.getValue().get(5).reason()).startsWith("35 more refused events");
  }

  @Test
  void postEvents_moreEventsThanARequestMayHold_answers413AndAcceptsNothing() throws Exception {
    mvc.perform(
            post("/api/v1/events")
                .contentType("application/x-ndjson")
                .content((CALL + "\n").repeat(51)))
        .andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.type").value("urn:fanzha:problem:too-many-events"));
    assertThat(submitted).isEmpty();
    verify(quarantine, never()).record(any(), anyList());
  }

  @Test
  void postEvents_utf16Body_answers415() throws Exception {
    mvc.perform(
            post("/api/v1/events")
                .contentType("application/x-ndjson")
                .content(CALL.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("UTF-16")));
    mvc.perform(
            post("/api/v1/events")
                .contentType("application/x-ndjson; charset=ISO-8859-1")
                .content(CALL))
        .andExpect(status().isUnsupportedMediaType());
    assertThat(submitted).isEmpty();
  }

  @Test
  void postEvents_utf8ByteOrderMark_isSkipped() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] call = CALL.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] body = new byte[bom.length + call.length];
    System.arraycopy(bom, 0, body, 0, 3);
    System.arraycopy(call, 0, body, 3, call.length);
    mvc.perform(post("/api/v1/events").contentType("application/x-ndjson").content(body))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accepted").value(1));
  }

  @Test
  void postEvents_labelFromACallerWhoDoesNotConfirmCases_isRefusedAloneAndTheRestAccepted()
      throws Exception {
    String label =
        "{\"type\":\"label\",\"id\":\"l1\",\"ts\":\"2026-11-27T09:00:00+08:00\",\"entity_kind\":\"phone\","
            + "\"entity\":\"13800138000\",\"role\":\"fraud_number\"}";
    mvc.perform(
            post("/api/v1/events").contentType("application/x-ndjson").content(label + "\n" + CALL))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.accepted").value(1))
        .andExpect(jsonPath("$.errors[0].id").value("l1"))
        .andExpect(jsonPath("$.errors[0].field").value("type"))
        .andExpect(
            jsonPath("$.errors[0].reason")
                .value(org.hamcrest.Matchers.containsString("anonymous")));
    assertThat(submitted.get(0)).extracting(Event::id).containsExactly("c1");
  }

  @Test
  void postEvents_storeFails_answers503WithoutTheStoresWords() throws Exception {
    when(runner.submit(anyList()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new IllegalStateException(
                    "journal append failed: ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 in INSERT INTO journal")));
    mvc.perform(post("/api/v1/events").contentType("application/x-ndjson").content(CALL))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("ref ")))
        .andExpect(
            content()
                .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("INSERT"))))
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("journal append failed"))));
  }
}
