package org.fanzha.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.time.EventTimeWindow;
import org.fanzha.core.time.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {

  private final EventCodec codec = new EventCodec();

  private Event accepted(String json) {
    ParseResult r = codec.parse(json, 1);
    assertThat(r).as("%s", r).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted) r).event();
  }

  private Rejection rejected(String json) {
    ParseResult r = codec.parse(json, 7);
    assertThat(r).as("%s", r).isInstanceOf(ParseResult.Rejected.class);
    return ((ParseResult.Rejected) r).rejection();
  }

  @Test
  void parse_contractExamples() {
    CallEvent call =
        (CallEvent)
            accepted(
                "{\"type\":\"call\",\"id\":\"c1\",\"ts\":\"2026-11-27T09:15:02+08:00\","
                    + "\"caller\":\"+8617012345678\",\"callee\":\"13800138000\",\"duration_s\":412,\"callee_region\":\"410400\"}");
    assertThat(call.callee()).isEqualTo("+8613800138000");
    assertThat(call.durationS()).isEqualTo(412);
    assertThat(call.ts())
        .isEqualTo(OffsetDateTime.parse("2026-11-27T09:15:02+08:00").toInstant().toEpochMilli());

    DeviceEvent device =
        (DeviceEvent)
            accepted(
                "{\"type\":\"device\",\"id\":\"d1\",\"ts\":\"2026-11-27T09:20:10+08:00\","
                    + "\"subscriber\":\"13800138000\",\"kind\":\"screen_share\",\"target\":\"com.example.meeting\"}");
    assertThat(device.kind()).isEqualTo(DeviceSignal.SCREEN_SHARE);

    String card = "6222020200112233445";
    // The contract's example cards are illustrative; only Luhn-valid 16–19 digit numbers pass.
    Rejection r =
        rejected(
            "{\"type\":\"transfer\",\"id\":\"t1\",\"ts\":\"2026-11-27T09:31:45+08:00\",\"from\":\""
                + card
                + "\",\"to\":\"6217000010001234567\",\"amount\":\"49000.00\",\"channel\":\"mobile\"}");
    assertThat(r.field()).isEqualTo("from");
    assertThat(r.reason()).contains("Luhn");
  }

  @Test
  void parse_transferWithAllFields() {
    TransferEvent t =
        (TransferEvent)
            accepted(
                "{\"type\":\"transfer\",\"id\":\"t9\",\"ts\":1795000000000,"
                    + "\"from\":\"4111 1111 1111 1111\",\"to\":\"alipay:mule01\",\"amount\":\"49000.5\",\"channel\":\"crypto_otc\","
                    + "\"from_phone\":\"13800138000\",\"to_name\":\"张三\",\"device\":\"dev-1\",\"ip\":\"10.1.2.3\",\"region\":\"410400\","
                    + "\"extra\":{\"ignored\":[1,2]}}");
    assertThat(t.from()).isEqualTo("4111111111111111");
    assertThat(t.amountFen()).isEqualTo(4_900_050);
    assertThat(t.channel()).isEqualTo(Channel.CRYPTO_OTC);
    assertThat(t.currency()).isEqualTo("CNY");
    assertThat(t.isCashOut()).isTrue();
    assertThat(t.ts()).isEqualTo(1_795_000_000_000L);
  }

  @Test
  void parse_reportAndLabel() {
    ReportEvent report =
        (ReportEvent)
            accepted(
                "{\"type\":\"report\",\"id\":\"r1\",\"ts\":\"2026-11-27T10:00:00+08:00\","
                    + "\"targets\":[{\"kind\":\"phone\",\"value\":\"170-1234-5678\"},{\"kind\":\"url\",\"value\":\"http://x.cn\"}],"
                    + "\"fraud_type\":\"police\",\"loss\":\"49000.00\",\"transfer_ids\":[\"t1\",\"t2\"]}");
    assertThat(report.targets())
        .extracting(t -> t.kind())
        .containsExactly(TargetKind.PHONE, TargetKind.URL);
    assertThat(report.targets().get(0).value()).isEqualTo("+8617012345678");
    assertThat(report.fraudType()).isEqualTo(FraudType.POLICE);
    assertThat(report.lossFen()).isEqualTo(4_900_000);
    assertThat(report.transferIds()).containsExactly("t1", "t2");

    LabelEvent label =
        (LabelEvent)
            accepted(
                "{\"type\":\"label\",\"id\":\"l1\",\"ts\":\"2026-11-27T10:00:00+08:00\","
                    + "\"entity_kind\":\"phone\",\"entity\":\"17012345678\",\"role\":\"fraud_number\",\"fraud_type\":\"loan\"}");
    assertThat(label.entityKind()).isEqualTo(EntityKind.PHONE);
    assertThat(label.entity()).isEqualTo("+8617012345678");
    assertThat(label.role()).isEqualTo(Role.FRAUD_NUMBER);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing type|{\"id\":\"x\",\"ts\":1795000000000}|type|required",
        "unknown type|{\"type\":\"fax\",\"id\":\"x\",\"ts\":1795000000000}|type|unknown event type",
        "missing id|{\"type\":\"sms\",\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|id|required",
        "bad ts|{\"type\":\"sms\",\"id\":\"x\",\"ts\":\"yesterday\",\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|ts|ISO-8601",
        "ts in seconds|{\"type\":\"sms\",\"id\":\"x\",\"ts\":1795000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|ts|seconds",
        "bad phone|{\"type\":\"call\",\"id\":\"x\",\"ts\":1795000000000,\"caller\":\"12345678901234567\",\"callee\":\"13800138000\",\"duration_s\":1}|caller|",
        "negative duration|{\"type\":\"call\",\"id\":\"x\",\"ts\":1795000000000,\"caller\":\"13800138001\",\"callee\":\"13800138000\",\"duration_s\":-1}|duration_s|≥ 0",
        "zero amount|{\"type\":\"transfer\",\"id\":\"x\",\"ts\":1795000000000,\"from\":\"alipay:a\",\"to\":\"alipay:b\",\"amount\":\"0.00\"}|amount|greater than zero",
        "three decimals|{\"type\":\"transfer\",\"id\":\"x\",\"ts\":1795000000000,\"from\":\"alipay:a\",\"to\":\"alipay:b\",\"amount\":\"1.001\"}|amount|decimals",
        "self transfer|{\"type\":\"transfer\",\"id\":\"x\",\"ts\":1795000000000,\"from\":\"alipay:a\",\"to\":\"alipay:a\",\"amount\":\"1.00\"}|to|differ",
        "bad channel|{\"type\":\"transfer\",\"id\":\"x\",\"ts\":1795000000000,\"from\":\"alipay:a\",\"to\":\"alipay:b\",\"amount\":\"1.00\",\"channel\":\"pigeon\"}|channel|crypto_otc",
        "bad holder|{\"type\":\"opening\",\"id\":\"x\",\"ts\":1795000000000,\"kind\":\"sim\",\"account\":\"13800138000\",\"holder\":\"110105194912310021\"}|holder|check character",
        "boolean id|{\"type\":\"sms\",\"id\":true,\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|id|boolean",
        "no targets|{\"type\":\"report\",\"id\":\"x\",\"ts\":1795000000000,\"targets\":[]}|targets|at least one",
        "bad target|{\"type\":\"report\",\"id\":\"x\",\"ts\":1795000000000,\"targets\":[{\"kind\":\"fax\",\"value\":\"1\"}]}|targets[0].kind|unknown",
        "ip label|{\"type\":\"label\",\"id\":\"x\",\"ts\":1795000000000,\"entity_kind\":\"ip\",\"entity\":\"1.2.3.4\",\"role\":\"mule\"}|entity_kind|phone|",
        "long id|{\"type\":\"label\",\"id\":\""
            + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            + "\",\"ts\":1795000000000}|id|1–128",
        "malformed|{\"type\":\"call\",|(json)|malformed JSON",
        "not an object|[1,2]|(json)|JSON object",
        "trailing|{\"type\":\"call\"} x|(json)|",
        // Hardening (issue 16): strings every store can keep, strict types, one time range for
        // every form.
        "NUL in id|{\"type\":\"sms\",\"id\":\"a\\u0000b\",\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|id|NUL",
        "NUL in source|{\"type\":\"sms\",\"id\":\"x\",\"source\":\"b\\u0000\",\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|source|NUL",
        "NUL in text|{\"type\":\"sms\",\"id\":\"x\",\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"h\\u0000i\"}|text|NUL",
        "control in id|{\"type\":\"sms\",\"id\":\"a\\nb\",\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|id|control character U+000A",
        "lone surrogate id|{\"type\":\"sms\",\"id\":\"a\\ud800\",\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|id|unpaired surrogate U+D800",
        "lone low surrogate text|{\"type\":\"sms\",\"id\":\"x\",\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"\\udc00hi\"}|text|unpaired surrogate U+DC00",
        "surrogate in target|{\"type\":\"report\",\"id\":\"x\",\"ts\":1795000000000,\"targets\":[{\"kind\":\"url\",\"value\":\"http://a\\ud83d\"}]}|targets[0].value|unpaired",
        "blank id|{\"type\":\"sms\",\"id\":\"   \",\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|id|blank",
        "padded id|{\"type\":\"sms\",\"id\":\" x\",\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|id|white space",
        "numeric id|{\"type\":\"sms\",\"id\":42,\"ts\":1795000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"hi\"}|id|not a number",
        "numeric amount|{\"type\":\"transfer\",\"id\":\"x\",\"ts\":1795000000000,\"from\":\"alipay:a\",\"to\":\"alipay:b\",\"amount\":5000}|amount|not a number",
        "numeric transfer id|{\"type\":\"report\",\"id\":\"x\",\"ts\":1795000000000,\"targets\":[{\"kind\":\"phone\",\"value\":\"13800138000\"}],\"transfer_ids\":[7]}|transfer_ids[0]|event id",
        "ISO year 9999|{\"type\":\"call\",\"id\":\"x\",\"ts\":\"9999-01-01T00:00:00+08:00\",\"caller\":\"13800138001\",\"callee\":\"13800138000\",\"duration_s\":1}|ts|outside",
        "ISO year 1970|{\"type\":\"call\",\"id\":\"x\",\"ts\":\"1970-01-01T00:00:00Z\",\"caller\":\"13800138001\",\"callee\":\"13800138000\",\"duration_s\":1}|ts|outside",
        "ISO beyond long|{\"type\":\"call\",\"id\":\"x\",\"ts\":\"+999999999-12-31T23:59:59Z\",\"caller\":\"13800138001\",\"callee\":\"13800138000\",\"duration_s\":1}|ts|beyond",
        "markup account|{\"type\":\"transfer\",\"id\":\"x\",\"ts\":1795000000000,\"from\":\"alipay:a\",\"to\":\"cash:<img src=x onerror=alert(1)>\",\"amount\":\"1.00\"}|to|white space",
        "markup terminal|{\"type\":\"transfer\",\"id\":\"x\",\"ts\":1795000000000,\"from\":\"alipay:a\",\"to\":\"cash:<svg/onload=alert(1)>\",\"amount\":\"1.00\"}|to|character '<'",
      })
  void parse_rejectsWithFieldAndReason(String name, String json, String field, String reasonPart) {
    Rejection r = rejected(json);
    assertThat(r.line()).isEqualTo(7);
    assertThat(r.field()).isEqualTo(field);
    assertThat(r.reason()).contains(reasonPart == null ? "" : reasonPart);
  }

  @Test
  void parse_freeTextKeepsLineBreaksAndTabs() {
    SmsEvent sms =
        (SmsEvent)
            accepted(
                "{\"type\":\"sms\",\"id\":\"x\",\"ts\":1795000000000,\"sender\":\"95588\","
                    + "\"receiver\":\"13800138000\",\"text\":\"line one\\nline\\ttwo \\ud83d\\ude00\"}");
    assertThat(sms.text()).isEqualTo("line one\nline\ttwo \ud83d\ude00");
  }

  @Test
  void parse_windowAroundNowRefusesFarFutureAndFarPastInEveryForm() {
    long now = 1_795_000_000_000L;
    EventCodec live =
        new EventCodec(
            EventTimeWindow.aroundNow(() -> now, Duration.ofDays(30), Duration.ofMinutes(15)));
    String tail = ",\"caller\":\"13800138001\",\"callee\":\"13800138000\",\"duration_s\":1}";
    String iso = Timestamps.format(now + Duration.ofMinutes(16).toMillis());
    for (String ts :
        List.of("\"" + iso + "\"", Long.toString(now + Duration.ofMinutes(16).toMillis()))) {
      ParseResult r = live.parse("{\"type\":\"call\",\"id\":\"f\",\"ts\":" + ts + tail, 1);
      assertThat(r).as(ts).isInstanceOf(ParseResult.Rejected.class);
      assertThat(((ParseResult.Rejected) r).rejection().reason())
          .contains("16 minutes ahead")
          .contains("15 minutes");
    }
    long old = now - Duration.ofDays(31).toMillis();
    ParseResult past =
        live.parse(
            "{\"type\":\"call\",\"id\":\"p\",\"ts\":\"" + Timestamps.format(old) + "\"" + tail, 1);
    assertThat(((ParseResult.Rejected) past).rejection().reason()).contains("31 days old");
    ParseResult inside =
        live.parse("{\"type\":\"call\",\"id\":\"i\",\"ts\":" + (now + 60_000) + tail, 1);
    assertThat(inside).isInstanceOf(ParseResult.Accepted.class);
    // The stored-data codec still reads what live intake accepted long ago.
    assertThat(codec.parse("{\"type\":\"call\",\"id\":\"p\",\"ts\":" + old + tail, 1))
        .isInstanceOf(ParseResult.Accepted.class);
  }

  @Test
  void stored_readsBackWhatLaterInputRulesRefuse() {
    // Accepted by an earlier version, written to the journal: recovery must still read it.
    String[] old = {
      "{\"type\":\"transfer\",\"id\":\" padded\",\"ts\":\"1999-01-01T00:00:00Z\",\"from\":\"alipay:a\",\"to\":\"cash:<b>\",\"amount\":\"1.00\"}",
      "{\"type\":\"sms\",\"id\":\"n\\u0000\",\"ts\":4200000000000,\"sender\":\"95588\",\"receiver\":\"13800138000\",\"text\":\"\\ud800\"}"
    };
    EventCodec stored = EventCodec.stored();
    for (String line : old) {
      assertThat(codec.parse(line, 1)).as(line).isInstanceOf(ParseResult.Rejected.class);
      assertThat(stored.parse(line, 1)).as(line).isInstanceOf(ParseResult.Accepted.class);
    }
    // Structure and identifiers still hold for stored data.
    assertThat(
            stored.parse(
                "{\"type\":\"sms\",\"id\":\"x\",\"ts\":1795000000000,\"sender\":\"12\"}", 1))
        .isInstanceOf(ParseResult.Rejected.class);
  }

  @Test
  void parseBody_oneEventBeyondAnyTimeCostsOnlyThatEvent() {
    String good =
        "{\"type\":\"call\",\"id\":\"g\",\"ts\":1795000000000,\"caller\":\"13800138001\",\"callee\":\"13800138000\",\"duration_s\":1}";
    String bad =
        "{\"type\":\"call\",\"id\":\"b\",\"ts\":\"+999999999-12-31T23:59:59Z\",\"caller\":\"13800138001\",\"callee\":\"13800138000\",\"duration_s\":1}";
    for (String body :
        List.of(
            good + "\n" + bad + "\n" + good.replace("\"g\"", "\"g2\""),
            "[" + good + "," + bad + "," + good.replace("\"g\"", "\"g2\"") + "]")) {
      List<ParseResult> results = codec.parseBody(body.getBytes(StandardCharsets.UTF_8));
      assertThat(results)
          .extracting(r -> r instanceof ParseResult.Accepted)
          .containsExactly(true, false, true);
    }
  }

  @Test
  void forEachInBody_stopsWhenTheVisitorSaysSo() {
    String line = "{oops}\n";
    byte[] body = line.repeat(1000).getBytes(StandardCharsets.UTF_8);
    int[] seen = {0};
    codec.forEachInBody(body, r -> ++seen[0] < 10);
    assertThat(seen[0]).isEqualTo(10);
    seen[0] = 0;
    codec.forEachInBody(
        ("[" + "{},".repeat(999) + "{}]").getBytes(StandardCharsets.UTF_8), r -> ++seen[0] < 5);
    assertThat(seen[0]).isEqualTo(5);
  }

  @Test
  void parse_rejectionKeepsIdWhenReadable() {
    Rejection r =
        rejected("{\"type\":\"sms\",\"id\":\"s-42\",\"ts\":1795000000000,\"sender\":\"95588\"}");
    assertThat(r.eventId()).isEqualTo("s-42");
    assertThat(r.field()).isEqualTo("receiver");
    assertThat(r.describe()).isEqualTo("line 7 (id s-42): receiver: is required");
  }

  @Test
  void parseBody_jsonArrayWithPositions() {
    String body =
        "[{\"type\":\"label\",\"id\":\"a\",\"ts\":1795000000000,\"entity_kind\":\"device\",\"entity\":\"d\",\"role\":\"normal\"},"
            + "{\"type\":\"label\",\"id\":\"b\",\"ts\":1795000000000,\"entity_kind\":\"device\",\"entity\":\"d\",\"role\":\"boss\"},"
            + "{\"type\":\"label\",\"id\":\"c\",\"ts\":1795000000000,\"entity_kind\":\"device\",\"entity\":\"d\",\"role\":\"mule\"}]";
    List<ParseResult> results = codec.parseBody(body.getBytes(StandardCharsets.UTF_8));
    assertThat(results).hasSize(3);
    assertThat(results.get(0)).isInstanceOf(ParseResult.Accepted.class);
    assertThat(results.get(1)).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) results.get(1)).rejection().line()).isEqualTo(2);
    assertThat(((ParseResult.Rejected) results.get(1)).rejection().field()).isEqualTo("role");
    assertThat(results.get(2).line()).isEqualTo(3);
  }

  @Test
  void parseBody_ndjsonCountsBlankLines() {
    String body =
        "{\"type\":\"label\",\"id\":\"a\",\"ts\":1795000000000,\"entity_kind\":\"device\",\"entity\":\"d\",\"role\":\"normal\"}\r\n"
            + "\n"
            + "{oops\n";
    List<ParseResult> results = codec.parseBody(body.getBytes(StandardCharsets.UTF_8));
    assertThat(results).hasSize(2);
    assertThat(results.get(1).line()).isEqualTo(3);
    assertThat(((ParseResult.Rejected) results.get(1)).rejection().field())
        .isEqualTo(EventCodec.JSON_FIELD);
  }

  @Test
  void write_usesContractNames() {
    OpeningEvent o =
        (OpeningEvent)
            accepted(
                "{\"type\":\"opening\",\"id\":\"o1\",\"ts\":\"2026-11-27T09:00:00+08:00\","
                    + "\"kind\":\"bank_account\",\"account\":\"4111111111111111\",\"holder\":\"11010519491231002X\",\"channel\":\"agent-7\"}");
    String line = codec.write(o);
    assertThat(line)
        .isEqualTo(
            "{\"type\":\"opening\",\"id\":\"o1\",\"ts\":\"2026-11-27T09:00:00+08:00\",\"kind\":\"bank_account\","
                + "\"account\":\"4111111111111111\",\"holder\":\"11010519491231002X\",\"channel\":\"agent-7\"}");
  }

  @Test
  void closing_isReadWithItsCardNormalised_writtenBack_andRefusedByField() {
    ClosingEvent c =
        (ClosingEvent)
            accepted(
                "{\"type\":\"closing\",\"id\":\"x1\",\"ts\":\"2026-11-27T09:00:00+08:00\","
                    + "\"kind\":\"sim\",\"account\":\"138-0013-8000\",\"holder\":\"11010519491231002x\","
                    + "\"channel\":\"branch\"}");
    assertThat(c.type()).isEqualTo(EventType.CLOSING);
    assertThat(c.kind()).isEqualTo(OpeningKind.SIM);
    assertThat(c.account()).isEqualTo("+8613800138000");
    assertThat(c.holder()).isEqualTo("11010519491231002X");
    assertThat(accepted(codec.write(c))).as("written as it reads").isEqualTo(c);

    assertThat(
            rejected(
                    "{\"type\":\"closing\",\"id\":\"x2\",\"ts\":1795000000000,\"kind\":\"bank_account\","
                        + "\"account\":\"4111111111111112\",\"holder\":\"11010519491231002X\"}")
                .field())
        .as("a bank card fails its Luhn check as in an opening")
        .isEqualTo("account");
    assertThat(
            rejected(
                    "{\"type\":\"closing\",\"id\":\"x3\",\"ts\":1795000000000,\"kind\":\"sim\","
                        + "\"account\":\"13800138000\"}")
                .field())
        .isEqualTo("holder");
  }
}
