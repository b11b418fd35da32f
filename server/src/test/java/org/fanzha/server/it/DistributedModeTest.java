package org.fanzha.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.stream.StreamTopics;
import org.fanzha.core.time.Timestamps;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Warning;
import org.fanzha.engine.replay.OutputJson;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.subscriber.SubscriberJson;
import org.fanzha.engine.subscriber.SubscriberScore;
import org.fanzha.flink.KafkaBroker;
import org.fanzha.graph.gangs.GangFinder;
import org.fanzha.server.gangs.GangService;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.runner.kafka.KafkaRunner;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.GangWorld;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server in distributed mode (fanzha.runner=flink) against a real Kafka broker and the real job
 * jar in its own JVM, as an operator runs them: intake goes to the input topic, decide is answered
 * by the job over Kafka (503 while no job answers), and the console's views fill from the job's
 * committed topics, and subscriber scores come from the job's features; then the keyed job in its
 * place answers decide and scores as the embedded engine does.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedModeTest {
  static final Path DATA = TestDirs.create("fanzha-distributed");
  static final Path JOB_JAR =
      Path.of("..", "flink", "target", "fanzha-flink.jar").toAbsolutePath().normalize();
  static final StreamTopics TOPICS = new StreamTopics("dm.events", "dm.rules", "dm.");
  static final long NOW = System.currentTimeMillis();

  static KafkaBroker kafka;
  static Process job;

  @BeforeAll
  static void broker() throws Exception {
    assumeTrue(Files.exists(JOB_JAR), "the job jar is built by the flink module first: " + JOB_JAR);
    kafka = KafkaBroker.start();
    kafka.createTopics(2, List.of(TOPICS.input()));
    kafka.createTopics(
        1,
        List.of(
            TOPICS.rules(),
            TOPICS.decisions(),
            TOPICS.warnings(),
            TOPICS.entities(),
            TOPICS.rejections(),
            TOPICS.rulesApplied(),
            TOPICS.replies(),
            TOPICS.queries()));
    kafka.createTopics(
        2, List.of(TOPICS.prefix() + "keyed-requests")); // the keyed plan's requests between keys
  }

  @AfterAll
  static void stop() throws Exception {
    if (job != null) {
      job.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.engine.content-model", () -> "false"); // as the job below runs (--no-text)
    r.add("fanzha.runner", () -> "flink");
    r.add("fanzha.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
    r.add("fanzha.kafka.input-topic", TOPICS::input);
    r.add("fanzha.kafka.rules-topic", TOPICS::rules);
    r.add("fanzha.kafka.topic-prefix", TOPICS::prefix);
    r.add("fanzha.kafka.decide-timeout", () -> "PT2S");
    r.add("logging.level.kafka", () -> "WARN"); // the broker in this JVM
    r.add("logging.level.state.change.logger", () -> "WARN");
  }

  // A long first call from a number, a screen share minutes later, then money leaves: the engine
  // warns and holds.
  static final String CALL =
      event(
          "call",
          "dm-c1",
          30,
          "\"caller\":\"+8617012345678\",\"callee\":\"13800138000\"," + "\"duration_s\":412");
  static final String SCREEN =
      event(
          "device",
          "dm-d1",
          25,
          "\"subscriber\":\"13800138000\",\"kind\":\"screen_share\","
              + "\"target\":\"com.example.meeting\"");
  static final String TRANSFER =
      event(
          "transfer",
          "dm-t1",
          15,
          "\"from\":\"6222020200112233446\","
              + "\"to\":\"6217000010001234569\",\"amount\":\"49000.00\",\"from_phone\":\"13800138000\"");

  @LocalServerPort int port;
  @Autowired Database db;
  @Autowired Runner runner;
  @Autowired GangService gangs;

  final JsonMapper json = JsonMapper.builder().build();

  @Test
  @Order(1)
  void withNoJobRunningADecideIsAnswered503WithRetryAdviceAndTheTransferIsKept() throws Exception {
    assertThat(runner).isInstanceOf(KafkaRunner.class);
    String early =
        event(
            "transfer",
            "dm-t0",
            40,
            "\"from\":\""
                + card("622200000000000001")
                + "\",\"to\":\""
                + card("622200000000000002")
                + "\","
                + "\"amount\":\"10.00\"");
    long t0 = System.nanoTime();
    HttpResponse<String> r = post("/api/v1/decide", early);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(json.readTree(r.body()).path("detail").asString())
        .contains("no answer from the Flink job");
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .as("the configured wait, not Kafka's minutes")
        .isLessThan(Duration.ofSeconds(10));
    assertThat(db.journal().find("dm-t0"))
        .as("accepted before the wait: journaled, and in the input topic")
        .isPresent();
  }

  @Test
  @Order(2)
  void theJobDecidesOverKafkaAsTheEmbeddedEngineDecides() throws Exception {
    startJob();
    HttpResponse<String> events = post("/api/v1/events", CALL + "\n" + SCREEN);
    assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
    assertThat(json.readTree(events.body()).path("accepted").asInt()).isEqualTo(2);

    // the job's first start takes a while: unrelated probes are answered 503 until it answers
    HttpResponse<String> probe =
        eventually(
            Duration.ofSeconds(120),
            n ->
                post(
                    "/api/v1/decide",
                    event(
                        "transfer",
                        "dm-probe-" + n,
                        20,
                        "\"from\":\""
                            + card("622200000000000003")
                            + "\",\"to\":\""
                            + card("622200000000000004")
                            + "\","
                            + "\"amount\":\"12.00\"")),
            r -> r.statusCode() != 503);
    assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);

    HttpResponse<String> decided = post("/api/v1/decide", TRANSFER);
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    assertThat(decided.headers().firstValue("Fanzha-Duplicate")).hasValue("false");
    assertThat(json.readTree(decided.body()))
        .as("the same decision as the engine in one process")
        .isEqualTo(json.readTree(embeddedDecision(CALL, SCREEN, TRANSFER)));
    assertThat(json.readTree(decided.body()).path("action").asString()).isIn("delay", "hold");

    // sent again: the earlier decision, once the job has committed it to the decisions topic
    HttpResponse<String> again =
        eventually(
            Duration.ofSeconds(30),
            n -> post("/api/v1/decide", TRANSFER),
            r -> r.statusCode() == 200);
    assertThat(again.headers().firstValue("Fanzha-Duplicate")).hasValue("true");
    assertThat(json.readTree(again.body())).isEqualTo(json.readTree(decided.body()));
  }

  @Test
  @Order(3)
  void theConsoleViewsFillFromTheJobsCommittedTopics() throws Exception {
    List<Warning> expected = embeddedWarnings(CALL, SCREEN, TRANSFER);
    assertThat(expected).as("the world warns").isNotEmpty();
    eventually(
        Duration.ofSeconds(30), n -> runner.recentWarnings(10), w -> w.size() >= expected.size());
    assertThat(runner.recentWarnings(10)).containsAll(expected);

    List<EntityRisk> risks = embeddedRisks(CALL, SCREEN, TRANSFER);
    assertThat(risks).as("the world holds risks").isNotEmpty();
    for (EntityRisk r : risks) {
      eventually(
          Duration.ofSeconds(30),
          n -> runner.entity(r.entityKind(), r.entity()),
          e -> e.isPresent());
      assertThat(runner.entity(r.entityKind(), r.entity())).as(r.entity()).contains(r);
    }
    assertThat(runner.riskiest(risks.size())).containsExactlyInAnyOrderElementsOf(risks);

    EntityRisk victim =
        risks.stream().filter(r -> r.entity().equals("+8613800138000")).findFirst().orElseThrow();
    JsonNode page = json.readTree(get("/api/v1/entities/phone/13800138000").body());
    assertThat(page.path("risk"))
        .as("the look-up answers from the entities topic")
        .isEqualTo(json.readTree(write(g -> OutputJson.write(victim, g))));
    List<String> recent = new ArrayList<>();
    page.path("recent_events").forEach(e -> recent.add(e.path("id").asString()));
    assertThat(recent).as("and from the server's own journal").contains("dm-c1", "dm-d1", "dm-t1");

    // gangs: the server's own journal and the job's held risks, as in one process
    HttpResponse<String> gang = post("/api/v1/events", String.join("\n", GangWorld.events(NOW)));
    assertThat(gang.statusCode()).as(gang.body()).isEqualTo(200);
    eventually(
        Duration.ofSeconds(30),
        n -> runner.entity(EntityKind.HOLDER, GangWorld.DEALER),
        e -> e.isPresent() && e.get().score() >= GangFinder.DEFAULT_SUSPECT_SCORE);
    GangService.Found found =
        eventually(Duration.ofSeconds(30), n -> gangs.searchNow(), f -> !f.gangs().isEmpty());
    assertThat(found.gangs()).hasSize(1);
    assertThat(found.gangs().get(0).members())
        .extracting(m -> m.node().toString())
        .contains(
            "holder:" + GangWorld.DEALER,
            "account:" + GangWorld.MULE,
            "phone:" + GangWorld.card(1));
  }

  // An operator's subscribers: a card opened online two days ago and reported since, and one of
  // five years that calls a friend every day; the latest event of the run, so the job's clock is
  // this world's
  static final String NEW_CARD = "+8617000000071";
  static final String OLD_CARD = "+8613800000072";
  static final String ABROAD = "+447700900123";
  static final int DAY_MIN = 24 * 60;

  static List<String> subscriberWorld() {
    List<String> world = new ArrayList<>();
    world.add(
        event(
            "opening",
            "dm-o1",
            2 * DAY_MIN,
            "\"kind\":\"sim\",\"account\":\""
                + NEW_CARD
                + "\",\"holder\":\"330106199204151232\",\"region\":\"330106\",\"channel\":\"online\""));
    world.add(
        event(
            "opening",
            "dm-o2",
            5 * 365 * DAY_MIN,
            "\"kind\":\"sim\",\"account\":\""
                + OLD_CARD
                + "\",\"holder\":\"330106198001011235\",\"region\":\"330106\",\"channel\":\"branch\""));
    for (int d = 24; d >= 1; d--) {
      world.add(
          event(
              "call",
              "dm-s" + d,
              d * DAY_MIN,
              "\"caller\":\"" + OLD_CARD + "\",\"callee\":\"+8613900000073\",\"duration_s\":95"));
    }
    world.add(
        event(
            "report",
            "dm-r1",
            1,
            "\"reporter\":\"+8613900000074\",\"targets\":[{\"kind\":\"phone\",\"value\":\""
                + NEW_CARD
                + "\"}]"));
    return world;
  }

  @Test
  @Order(4)
  void aSubscriberScoreAndItsLimitsComeFromTheJob() throws Exception {
    List<String> world = subscriberWorld();
    HttpResponse<String> loaded = post("/api/v1/events", String.join("\n", world));
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
    Engine alone = new Engine(EngineConfig.defaults());
    parse(world.toArray(String[]::new)).forEach(alone::process);
    for (String phone : List.of(NEW_CARD, OLD_CARD)) {
      SubscriberScore s = alone.subscriber(phone).orElseThrow();
      JsonNode expected =
          json.readTree(
              write(
                  g -> {
                    g.writeStartObject();
                    SubscriberJson.fields(s, phone, g);
                    g.writeBooleanProperty("masked", false);
                    g.writeEndObject();
                  }));
      HttpResponse<String> scored =
          eventually(
              Duration.ofSeconds(60),
              n -> get("/api/v1/subscribers/" + phone + "/score"),
              r -> r.statusCode() == 200 && json.readTree(r.body()).equals(expected));
      assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
      assertThat(json.readTree(scored.body()))
          .as("the job's features score " + phone + " as one engine in this JVM does")
          .isEqualTo(expected);
    }
    assertThat(alone.subscriber(NEW_CARD).orElseThrow().band().name()).isEqualTo("D");
    assertThat(get("/api/v1/subscribers/13700000079/score").statusCode())
        .as("a number the job never met")
        .isEqualTo(404);

    HttpResponse<String> abroad =
        post(
            "/api/v1/decide",
            event(
                "call",
                "dm-abroad-1",
                0,
                "\"caller\":\"" + NEW_CARD + "\",\"callee\":\"" + ABROAD + "\",\"duration_s\":0"));
    assertThat(abroad.statusCode()).as(abroad.body()).isEqualTo(200);
    JsonNode held = json.readTree(abroad.body());
    assertThat(held.path("action").asString())
        .as("a band D number may not call abroad: the switch is told to stop it")
        .isEqualTo("hold");
    assertThat(held.path("reasons").get(0).path("code").asString()).isEqualTo("SUB_LIMIT_ABROAD");
    assertThat(held.path("subscriber").path("band").asString()).isEqualTo("D");
  }

  @Test
  @Order(5)
  void aRuleSetIsInForceOnceTheJobHasAdoptedIt() throws Exception {
    String yaml = RuleBook.defaultText().replace("version: 1", "version: 7");
    runner.useRules(RuleBook.parse(yaml), yaml);
    assertThat(runner.rules().version()).isEqualTo(7);
  }

  @Test
  @Order(6)
  void theKeyedJobInItsPlaceDecidesAsTheEmbeddedEngineDecides() throws Exception {
    job.destroyForcibly()
        .waitFor(30, TimeUnit.SECONDS); // one job answers the replies topic at a time
    startJob("keyed", "dm-keyed-job");
    // another person, the same story; the keyed job scores one person's events in order when they
    // come a moment
    // apart, as live ones do (sent in one request, a later part may reach a key first), so each
    // waits for the last
    String call =
        event(
            "call",
            "dmk-c1",
            30,
            "\"caller\":\"+8617012349999\",\"callee\":\"13900139000\"," + "\"duration_s\":433");
    String screen =
        event(
            "device",
            "dmk-d1",
            25,
            "\"subscriber\":\"13900139000\",\"kind\":\"screen_share\","
                + "\"target\":\"com.example.meeting\"");
    String transfer =
        event(
            "transfer",
            "dmk-t1",
            15,
            "\"from\":\""
                + card("622202020011223399")
                + "\","
                + "\"to\":\""
                + card("621700001000123499")
                + "\",\"amount\":\"48000.00\",\"from_phone\":\"13900139000\"");
    HttpResponse<String> probe =
        eventually(
            Duration.ofSeconds(120),
            n ->
                post(
                    "/api/v1/decide",
                    event(
                        "transfer",
                        "dmk-probe-" + n,
                        20,
                        "\"from\":\""
                            + card("622200000000000005")
                            + "\",\"to\":\""
                            + card("622200000000000006")
                            + "\",\"amount\":\"12.00\"")),
            r -> r.statusCode() != 503);
    assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);
    for (String e : List.of(call, screen)) {
      assertThat(post("/api/v1/events", e).statusCode()).isEqualTo(200);
      // the job commits what it read with a checkpoint, after every operator has the event; the
      // requests it made
      // (a number's risk for people) come back through the feedback topic a checkpoint or two later
      long end = kafka.endOffsets(TOPICS.input());
      eventually(
          Duration.ofSeconds(60),
          n -> kafka.committedOffsets("dm-keyed-job", TOPICS.input()),
          c -> c >= end);
      Thread.sleep(2500);
    }
    HttpResponse<String> decided = post("/api/v1/decide", transfer);
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    assertThat(json.readTree(decided.body()))
        .as("the same decision as the engine in one process")
        .isEqualTo(json.readTree(embeddedDecision(call, screen, transfer)));
    assertThat(json.readTree(decided.body()).path("action").asString()).isIn("delay", "hold");

    // the keyed job read the input from the start: the number's engine share answers for it, as of
    // the latest event that share read
    Engine alone = new Engine(EngineConfig.defaults());
    parse(subscriberWorld().toArray(String[]::new)).forEach(alone::process);
    SubscriberScore expected = alone.subscriber(NEW_CARD).orElseThrow();
    List<String> expectedCodes = expected.lines().stream().map(l -> l.reason().code()).toList();
    HttpResponse<String> scored =
        eventually(
            Duration.ofSeconds(60),
            n -> get("/api/v1/subscribers/" + NEW_CARD + "/score"),
            r -> r.statusCode() == 200 && reasonCodes(r.body()).equals(expectedCodes));
    assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
    assertThat(json.readTree(scored.body()).path("band").asString())
        .isEqualTo(expected.band().name());
    assertThat(reasonCodes(scored.body())).isEqualTo(expectedCodes);
  }

  // ---------------------------------------------------------------- helpers

  List<String> reasonCodes(String scoreBody) {
    List<String> codes = new ArrayList<>();
    json.readTree(scoreBody).path("reasons").forEach(r -> codes.add(r.path("code").asString()));
    return codes;
  }

  static void startJob() throws Exception {
    startJob("single", "dm-job");
  }

  /**
   * Starts the job jar laid out as {@code plan} ({@code run --plan}), reading as consumer group
   * {@code group}.
   */
  static void startJob(String plan, String group) throws Exception {
    Path log = DATA.resolve("job-" + plan + ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-jar",
                JOB_JAR.toString(),
                "run",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--input-topic",
                TOPICS.input(),
                "--rules-topic",
                TOPICS.rules(),
                "--topic-prefix",
                TOPICS.prefix(),
                "--group-id",
                group,
                "--transactional-id-prefix",
                group,
                "--checkpoint-interval",
                "PT1S",
                "--no-text",
                "--plan",
                plan));
    job =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static String event(String type, String id, int minutesAgo, String fields) {
    return "{\"type\":\""
        + type
        + "\",\"id\":\""
        + id
        + "\",\"ts\":\""
        + Timestamps.format(NOW - minutesAgo * 60_000L)
        + "\","
        + fields
        + "}";
  }

  /** A bank card number: the digits and their Luhn check digit. */
  static String card(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, k = 0; i >= 0; i--, k++) {
      int d = digits.charAt(i) - '0';
      if (k % 2 == 0) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return digits + (10 - sum % 10) % 10;
  }

  static List<Event> parse(String... lines) {
    EventCodec codec = new EventCodec();
    List<Event> out = new ArrayList<>();
    for (String l : lines) {
      byte[] b = l.getBytes(StandardCharsets.UTF_8);
      out.add(((ParseResult.Accepted) codec.parse(b, 0, b.length, 1)).event());
    }
    return out;
  }

  /**
   * The last event's decision by an engine in this JVM with the server's rules, as the decide body.
   */
  static String embeddedDecision(String... lines) {
    Engine engine = new Engine(EngineConfig.defaults());
    Decision d = null;
    for (Event e : parse(lines)) {
      d = engine.process(e);
    }
    Decision last = d;
    return write(g -> OutputJson.write(last, g));
  }

  static String write(java.util.function.Consumer<JsonGenerator> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g =
        JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), out)) {
      body.accept(g);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static List<EntityRisk> embeddedRisks(String... lines) {
    Engine engine = new Engine(EngineConfig.defaults());
    parse(lines).forEach(engine::process);
    List<EntityRisk> out = new ArrayList<>();
    engine.forEachRisk(out::add);
    return out;
  }

  static List<Warning> embeddedWarnings(String... lines) {
    Engine engine = new Engine(EngineConfig.defaults());
    List<Warning> out = new ArrayList<>();
    for (Event e : parse(lines)) {
      engine.process(e);
      out.addAll(engine.drainWarnings());
    }
    return out;
  }

  interface Attempt<T> {
    T run(int n) throws Exception;
  }

  interface Check<T> {
    boolean ok(T value) throws Exception;
  }

  /** Tries until the check passes or the time is up; returns the last try. */
  static <T> T eventually(Duration within, Attempt<T> attempt, Check<T> check) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    for (int n = 1; ; n++) {
      T v = attempt.run(n);
      if (check.ok(v) || System.nanoTime() > deadline) {
        return v;
      }
      Thread.sleep(250);
    }
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return new Api(port, "admin", "admin-pw").post(path, body);
  }

  HttpResponse<String> get(String path) throws Exception {
    return new Api(port, "admin", "admin-pw").get(path);
  }
}
