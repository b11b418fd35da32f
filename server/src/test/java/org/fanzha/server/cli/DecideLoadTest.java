package org.fanzha.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.Database;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * {@code ./fanzha decide-load}: a simulated city's transfers at a fixed rate, signed with a key,
 * each decided once.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DecideLoadTest {

  static final Path DATA = TestDirs.create("fanzha-decide-load");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
  }

  @LocalServerPort int port;
  @Autowired Database db;

  @Test
  void sendsTheCitysTransfersAtTheRate_signedWithTheKey_andReportsEachStep() throws Exception {
    String admin =
        "Basic "
            + Base64.getEncoder().encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> issued =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/api-keys"))
                    .header("Authorization", admin)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"load\",\"roles\":[\"INGEST\"]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    String key = issued.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    long before = db.journal().lastSeq();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new FanzhaMain())
              .execute(
                  "decide-load",
                  "--url",
                  "http://127.0.0.1:" + port,
                  "--rates",
                  "40,80",
                  "--seconds",
                  "1",
                  "--warmup",
                  "0",
                  "--people",
                  "400",
                  "--key",
                  key,
                  "--floor");
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(printed)
        .contains("rate     40/s")
        .contains("rate     80/s")
        .contains("info     40/s")
        .contains("info     80/s")
        .contains("errors      0")
        .contains("p99.9");
    assertThat(db.journal().lastSeq() - before)
        .as("every transfer journaled once, under its own id")
        .isEqualTo(120);
  }
}
