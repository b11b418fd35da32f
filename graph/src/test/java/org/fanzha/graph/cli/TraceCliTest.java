package org.fanzha.graph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCliTest {

  static final String EVENTS =
      String.join(
          "\n",
          "{\"type\":\"call\",\"id\":\"c1\",\"ts\":\"2026-11-27T09:15:02+08:00\",\"caller\":\"+8617012345678\",\"callee\":\"13800138000\",\"duration_s\":412}",
          "{\"type\":\"transfer\",\"id\":\"t1\",\"ts\":\"2026-11-27T10:00:00+08:00\",\"from\":\"6222020200112233446\",\"to\":\"6217000010001234569\",\"amount\":\"10000.00\",\"channel\":\"mobile\",\"from_phone\":\"13800138000\"}",
          "{\"type\":\"transfer\",\"id\":\"t2\",\"ts\":\"2026-11-27T10:05:00+08:00\",\"from\":\"alipay:x-other\",\"to\":\"6217000010001234569\",\"amount\":\"4000.00\"}",
          "{\"type\":\"transfer\",\"id\":\"t3\",\"ts\":\"2026-11-27T10:10:00+08:00\",\"from\":\"6217000010001234569\",\"to\":\"wechat:b-mule\",\"amount\":\"6000.00\"}",
          "{\"type\":\"transfer\",\"id\":\"t4\",\"ts\":\"2026-11-27T10:20:00+08:00\",\"from\":\"6217000010001234569\",\"to\":\"cash:ATM-410400-1\",\"amount\":\"6000.00\",\"channel\":\"atm\"}",
          "{\"type\":\"transfer\",\"id\":\"bad\",\"ts\":\"2026-11-27T10:30:00+08:00\",\"from\":\"x\",\"to\":\"y\",\"amount\":\"-1\"}",
          "");

  @TempDir Path dir;

  @Test
  void run_transfer_printsTraceJsonOfEventsMd() throws IOException {
    Path events = write("events.ndjson", EVENTS);
    Run r =
        run(
            "--events",
            events.toString(),
            "--transfer",
            "t1",
            "--as-of",
            "2026-11-27T11:00:00+08:00");

    assertThat(r.status).isZero();
    assertThat(r.lines).hasSize(1);
    String json = r.lines.get(0);
    // FIFO by hand: 6,000 to wechat:b-mule, then the ATM takes the other 4,000 traced + 2,000 other
    assertThat(json)
        .contains(
            "\"seed\":{\"kind\":\"transfer\",\"transfer\":\"t1\",\"from\":\"6222020200112233446\"")
        .contains(
            "{\"from\":\"6217000010001234569\",\"to\":\"wechat:b-mule\",\"amount\":\"6000.00\",\"ts\":\"2026-11-27T10:10:00+08:00\",\"hop\":2")
        .contains("\"holdings\":[{\"account\":\"wechat:b-mule\",\"amount\":\"6000.00\",\"hop\":2")
        .contains(
            "\"cashed_out\":[{\"account\":\"6217000010001234569\",\"amount\":\"4000.00\",\"channel\":\"atm\"")
        .contains("\"untraced\":\"0.00\"")
        .contains(
            "\"freeze_plan\":[{\"account\":\"wechat:b-mule\",\"amount\":\"6000.00\",\"action\":\"stop\"");
    assertThat(r.err).contains("1 rejected");
  }

  @Test
  void run_transfersFile_oneLinePerSeedAndMissingIdFlagged() throws IOException {
    Path events = write("events.ndjson", EVENTS);
    Path ids = write("ids.txt", "t1\n# comment\nt3\nnope\n");
    Run r = run("--events", events.toString(), "--transfers", ids.toString());

    assertThat(r.status).isEqualTo(1);
    assertThat(r.lines).hasSize(3);
    assertThat(r.lines.get(1)).contains("\"transfer\":\"t3\"");
    assertThat(r.lines.get(2))
        .isEqualTo(
            "{\"seed\":{\"kind\":\"transfer\",\"transfer\":\"nope\"},\"error\":\"transfer not found in the events file\"}");
  }

  @Test
  void run_accountAfter_tracesEverythingPaidOut() throws IOException {
    Path events = write("events.ndjson", EVENTS);
    Run r =
        run(
            "--events",
            events.toString(),
            "--account",
            "6217000010001234569",
            "--after",
            "2026-11-27T10:06:00+08:00");

    assertThat(r.status).isZero();
    assertThat(r.lines.get(0)).contains("\"kind\":\"account\"").contains("\"amount\":\"12000.00\"");
  }

  @Test
  void run_missingSeed_usageError() throws IOException {
    Path events = write("events.ndjson", EVENTS);
    Run r = run("--events", events.toString());
    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).contains("give either --transfer/--transfers or --account");
  }

  @Test
  void run_badWindow_namesTheOption() throws IOException {
    Path events = write("events.ndjson", EVENTS);
    Run r = run("--events", events.toString(), "--transfer", "t1", "--window", "soon");
    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).contains("--window must look like 7d");
  }

  @Test
  void parseDuration_acceptsShortAndIsoForms() {
    assertThat(TraceCli.parseDuration("48h").toHours()).isEqualTo(48);
    assertThat(TraceCli.parseDuration("7d").toDays()).isEqualTo(7);
    assertThat(TraceCli.parseDuration("PT30M").toMinutes()).isEqualTo(30);
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private record Run(int status, List<String> lines, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        TraceCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status,
        out.toString(StandardCharsets.UTF_8).lines().toList(),
        err.toString(StandardCharsets.UTF_8));
  }
}
