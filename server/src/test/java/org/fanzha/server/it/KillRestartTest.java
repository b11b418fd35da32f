package org.fanzha.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.event.Event;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EntityRisk;
import org.fanzha.server.runner.EngineSettings;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.fanzha.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepted means durable: the server runs as a separate JVM, takes events over HTTP and is killed
 * (SIGKILL, no shutdown hooks) while a client is still sending. Every event it acknowledged must be
 * in the journal, and the restarted server's engine must hold exactly the state an engine reaches
 * from the journal's events in journal order.
 */
class KillRestartTest {

  @TempDir Path data;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final JsonMapper json = JsonMapper.builder().build();
  final EventCodec codec = new EventCodec();
  final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    for (Process p : started) {
      p.destroyForcibly();
    }
  }

  @Test
  void kill_whileEventsArrive_losesNothingAcknowledgedAndRecoversTheSameEngineState()
      throws Exception {
    List<Event> city = new ArrayList<>();
    World.generate(SimConfig.of(5, 300, 1)).forEachEvent(city::add);
    int firstPart = city.size() * 4 / 5;

    int port = freePort();
    Process server = startServer(port);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < firstPart; i += 1000) {
      List<Event> batch = city.subList(i, Math.min(firstPart, i + 1000));
      assertThat(postEvents(port, batch)).isEqualTo(200);
      batch.forEach(e -> acknowledged.add(e.id()));
    }

    // Keep sending small batches from another thread and kill the server in the middle of it.
    AtomicBoolean sending = new AtomicBoolean(true);
    Thread sender =
        new Thread(
            () -> {
              for (int i = firstPart; i < city.size() && sending.get(); i += 50) {
                List<Event> batch = city.subList(i, Math.min(city.size(), i + 50));
                try {
                  if (postEvents(port, batch) == 200) {
                    batch.forEach(e -> acknowledged.add(e.id()));
                  }
                } catch (Exception e) {
                  return; // the server is gone
                }
              }
            });
    sender.start();
    // kill it once it has acknowledged some of them (a loaded machine may take longer than a fixed
    // pause), while
    // the sender goes on
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (acknowledged.size() <= firstPart && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    Thread.sleep(100);
    server.destroyForcibly();
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    sending.set(false);
    sender.join(30_000);
    assertThat(acknowledged.size()).isGreaterThan(firstPart);

    List<Event> journaled = new ArrayList<>();
    try (Database db = Database.openH2(data)) {
      db.journal().forEachAfter(0, (seq, e) -> journaled.add(e));
    }
    Set<String> journaledIds = ConcurrentHashMap.newKeySet();
    journaled.forEach(e -> journaledIds.add(e.id()));
    assertThat(journaledIds).containsAll(acknowledged);
    assertThat(journaled).hasSize(journaledIds.size());

    Engine expected = new Engine(EngineSettings.load(null, true)); // the server's own settings
    journaled.forEach(expected::process);
    List<EntityRisk> riskiest = expected.riskiest(25);
    assertThat(riskiest).hasSizeGreaterThan(5);

    int port2 = freePort();
    startServer(port2);
    for (EntityRisk r : riskiest) {
      JsonNode got = entity(port2, r.entityKind().wireName(), r.entity());
      assertThat(got.get("risk").get("score").asInt()).as(r.entity()).isEqualTo(r.score());
      assertThat(got.get("risk").get("level").asString())
          .as(r.entity())
          .isEqualTo(r.level().wireName());
      List<String> codes = new ArrayList<>();
      got.get("risk").get("reasons").forEach(n -> codes.add(n.get("code").asString()));
      assertThat(codes)
          .as(r.entity())
          .containsExactlyElementsOf(r.reasons().stream().map(x -> x.code()).toList());
    }
  }

  /**
   * The decision path under load: many clients each waiting for their transfer's decision while the
   * server is killed. Every transfer answered 200 was forced to the journal's log before its
   * answer, so a reopened store has it.
   */
  @Test
  void kill_whileDecisionsAreAnswered_losesNoAcknowledgedTransfer() throws Exception {
    List<org.fanzha.core.event.TransferEvent> transfers = new ArrayList<>();
    World.generate(SimConfig.of(11, 3_000, 1))
        .forEachEvent(
            e -> {
              if (e instanceof org.fanzha.core.event.TransferEvent t) {
                transfers.add(t);
              }
            });
    assertThat(transfers).hasSizeGreaterThan(3_000);
    int port = freePort();
    Process server = startServer(port);
    HttpResponse<String> issued =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/api-keys"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8)))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bank intake\",\"roles\":[\"INGEST\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String key = json.readTree(issued.body()).get("key").asString();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean sending = new AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      Thread t =
          new Thread(
              () -> {
                while (sending.get()) {
                  int i = next.getAndIncrement();
                  if (i >= transfers.size()) {
                    return;
                  }
                  try {
                    if (decide(port, key, transfers.get(i)) == 200) {
                      acknowledged.add(transfers.get(i).id());
                    }
                  } catch (Exception e) {
                    return; // the server is gone
                  }
                }
              });
      t.start();
      clients.add(t);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acknowledged.size() < 150 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    server.destroyForcibly(); // mid-stream: requests in flight, some answered, some not
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    sending.set(false);
    for (Thread t : clients) {
      t.join(30_000);
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(150);
    assertThat(acknowledged.size()).as("killed mid-stream").isLessThan(transfers.size());

    Set<String> journaled = new java.util.HashSet<>();
    try (Database db = Database.openH2(data)) { // recovers what only the log held
      db.journal().forEachAfter(0, (seq, e) -> journaled.add(e.id()));
    }
    assertThat(journaled).containsAll(acknowledged);
  }

  private int decide(int port, String key, Event transfer) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/decide"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(codec.write(transfer)))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private Process startServer(int port) throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx768m",
            "-cp",
            cp,
            "org.fanzha.server.cli.FanzhaMain",
            "serve",
            "--port",
            Integer.toString(port),
            "--data",
            data.toString(),
            "--fanzha.security.demo-user.password=pw",
            "--fanzha.security.admin-password=admin-pw",
            "--fanzha.snapshot.every-events=3000",
            "--logging.level.root=WARN",
            "--logging.level.org.fanzha=INFO");
    pb.redirectErrorStream(true);
    pb.redirectOutput(data.resolve("server-" + port + ".log").toFile());
    Process p = pb.start();
    started.add(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "server exited with "
                + p.exitValue()
                + "; see "
                + data.resolve("server-" + port + ".log"));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("server did not start on port " + port);
  }

  private int postEvents(int port, List<Event> events) throws Exception {
    StringBuilder body = new StringBuilder(events.size() * 200);
    for (Event e : events) {
      body.append(codec.write(e)).append('\n');
    }
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
            .header("Content-Type", "application/x-ndjson")
            .timeout(Duration.ofSeconds(60))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private JsonNode entity(int port, String kind, String id) throws Exception {
    String basic = Base64.getEncoder().encodeToString("demo:pw".getBytes(StandardCharsets.UTF_8));
    HttpRequest r =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/api/v1/entities/"
                        + kind
                        + "/"
                        + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)
                            .replace("+", "%2B")))
            .header("Authorization", "Basic " + basic)
            .build();
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(resp.statusCode()).as(kind + "/" + id + ": " + resp.body()).isEqualTo(200);
    return json.readTree(resp.body());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
