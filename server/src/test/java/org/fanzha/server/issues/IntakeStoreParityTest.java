package org.fanzha.server.issues;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fanzha.store.Database;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, finding 6: one client's bad bytes (a NUL, a raw NUL byte, UTF-16, an unpaired
 * surrogate) get a precise 4xx for that client alone, and honest clients sending at the same time
 * are never failed, on every store. The same tests run against H2 ({@link OnH2}) and PostgreSQL
 * ({@link OnPostgres}), so the two accept exactly the same events.
 */
abstract class IntakeStoreParityTest {

  static final String ADMIN =
      "Basic "
          + Base64.getEncoder().encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8));

  @LocalServerPort int port;
  @Autowired Database db;

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aNulInAnIdOrSourceIsRefusedNamingTheField() throws Exception {
    HttpResponse<String> r =
        post(
            utf8(
                call("nul\\u0000id", "")
                    + "\n"
                    + call("nul-src", ",\"source\":\"bank\\u0000\"")
                    + "\n"
                    + call("nul-ok", "")));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = json.readTree(r.body());
    assertThat(p.get("accepted").asInt()).isEqualTo(1);
    assertThat(p.get("errors"))
        .extracting(e -> e.get("field").asString())
        .containsExactly("id", "source");
    assertThat(p.get("errors").get(0).get("reason").asString()).contains("NUL");
  }

  @Test
  void aRawNulByteCostsOnlyItsLineWhichIsQuarantined() throws Exception {
    byte[] bad = utf8(call("raw-nul", ""));
    bad[20] = 0; // inside the id's string
    byte[] good = utf8("\n" + call("raw-ok", ""));
    byte[] body = new byte[bad.length + good.length];
    System.arraycopy(bad, 0, body, 0, bad.length);
    System.arraycopy(good, 0, body, bad.length, good.length);

    HttpResponse<String> r = post(body);

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = json.readTree(r.body());
    assertThat(p.get("accepted").asInt()).isEqualTo(1);
    assertThat(p.get("errors").get(0).get("field").asString()).isEqualTo("(json)");
    assertThat(db.quarantine().recent(1).get(0).event().raw())
        .contains("\uFFFD")
        .doesNotContain("\u0000");
  }

  @Test
  void aUtf16BodyIsRefusedWhole() throws Exception {
    HttpResponse<String> r = post((call("u16", "") + "\n").getBytes(StandardCharsets.UTF_16));
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(db.journal().find("u16")).isEmpty();
  }

  @Test
  void unpairedSurrogatesAreRefusedSoTwoIdsCannotCollide() throws Exception {
    HttpResponse<String> r =
        post(
            utf8(
                call("sur\\ud800", "")
                    + "\n"
                    + call("sur\\udbff", "")
                    + "\n"
                    + call("sur-text", "")
                        .replace("\"type\":\"call\"", "\"type\":\"call\",\"cell\":\"\\udc00\"")));
    JsonNode p = json.readTree(r.body());
    assertThat(p.get("accepted").asInt()).isZero();
    assertThat(p.get("errors"))
        .extracting(e -> e.get("field").asString())
        .containsExactly("id", "id", "cell");
  }

  @Test
  void honestClientsAreNeverFailedByAHostileOneSendingAtTheSameTime() throws Exception {
    List<byte[]> hostile =
        List.of(
            utf8(call("h\\u0000", "")),
            utf8(call("h\\ud800x", "")),
            (call("h16", "")).getBytes(StandardCharsets.UTF_16LE),
            new byte[] {'{', 0, 0, '}'},
            utf8("{\"type\":\"call\",\"id\":\"a\0\"}"));
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<Integer> attacker =
          pool.submit(
              () -> {
                int sent = 0;
                while (running.get()) {
                  int code = post(hostile.get(sent % hostile.size())).statusCode();
                  assertThat(code).isBetween(400, 415);
                  sent++;
                }
                return sent;
              });
      List<Future<List<Integer>>> honest = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        int client = c;
        honest.add(
            pool.submit(
                () -> {
                  List<Integer> codes = new ArrayList<>();
                  for (int b = 0; b < 15; b++) {
                    StringBuilder batch = new StringBuilder();
                    for (int e = 0; e < 20; e++) {
                      batch.append(call("hc" + client + "-" + b + "-" + e, "")).append('\n');
                    }
                    codes.add(post(utf8(batch.toString())).statusCode());
                  }
                  return codes;
                }));
      }
      for (Future<List<Integer>> h : honest) {
        assertThat(h.get()).containsOnly(200);
      }
      running.set(false);
      assertThat(attacker.get()).isPositive();
    } finally {
      running.set(false);
      pool.shutdown();
    }
    for (int c = 0; c < 3; c++) {
      assertThat(db.journal().find("hc" + c + "-14-19")).isPresent();
    }
  }

  HttpResponse<String> post(byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", ADMIN)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A call whose id is written into the JSON as given (so escapes such as \\u0000 stay escapes).
   */
  static String call(String jsonId, String extra) {
    return "{\"type\":\"call\",\"id\":\""
        + jsonId
        + "\",\"ts\":\"2026-11-27T09:00:00+08:00\",\"caller\":\"13900000061\","
        + "\"callee\":\"13900000062\",\"duration_s\":30"
        + extra
        + "}";
  }
}
