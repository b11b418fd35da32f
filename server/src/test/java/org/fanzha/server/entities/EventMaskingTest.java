package org.fanzha.server.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.junit.jupiter.api.Test;

class EventMaskingTest {

  private final EventCodec codec = new EventCodec();

  private Event parse(String line) {
    ParseResult r = codec.parse(line, 1);
    assertThat(r).as(line).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted) r).event();
  }

  @Test
  void mask_everyEventType_leavesNoPersonalIdentifierWhole() {
    List<String> lines =
        List.of(
            "{\"type\":\"call\",\"id\":\"c\",\"ts\":1795741200000,\"caller\":\"+8617012345678\",\"callee\":\"13800138000\",\"duration_s\":5,\"caller_imei\":\"861234567890123\",\"displayed\":\"13912345678\"}",
            "{\"type\":\"sms\",\"id\":\"s\",\"ts\":1795741200000,\"sender\":\"+8617012345678\",\"receiver\":\"13800138000\",\"text\":\"张三 您的验证码 13800138000\"}",
            "{\"type\":\"transfer\",\"id\":\"t\",\"ts\":1795741200000,\"from\":\"6222020200112233446\",\"to\":\"wechat:wxid_abcdefgh12\",\"amount\":\"5.00\",\"from_phone\":\"13800138000\",\"to_name\":\"王小明\",\"ip\":\"10.20.30.40\"}",
            "{\"type\":\"opening\",\"id\":\"o\",\"ts\":1795741200000,\"kind\":\"sim\",\"account\":\"17012345678\",\"holder\":\"11010519491231002X\",\"phone\":\"13800138000\"}",
            "{\"type\":\"device\",\"id\":\"d\",\"ts\":1795741200000,\"subscriber\":\"13800138000\",\"kind\":\"app_install\",\"target\":\"com.fake.invest\"}",
            "{\"type\":\"report\",\"id\":\"r\",\"ts\":1795741200000,\"targets\":[{\"kind\":\"account\",\"value\":\"6222020200112233446\"},{\"kind\":\"url\",\"value\":\"http://x.example\"}],\"reporter\":\"13800138000\",\"text\":\"被骗 13800138000\"}",
            "{\"type\":\"label\",\"id\":\"l\",\"ts\":1795741200000,\"entity_kind\":\"holder\",\"entity\":\"11010519491231002X\",\"role\":\"card_dealer\"}",
            "{\"type\":\"listing\",\"id\":\"b\",\"ts\":1795741200000,\"list\":\"black\",\"action\":\"add\",\"entity_kind\":\"phone\",\"entity\":\"13800138000\"}",
            "{\"type\":\"closing\",\"id\":\"x\",\"ts\":1795741200000,\"kind\":\"sim\",\"account\":\"17012345678\",\"holder\":\"11010519491231002X\"}");
    assertThat(lines.stream().map(l -> parse(l).type()).distinct())
        .as("every event type")
        .containsExactlyInAnyOrder(EventType.values());
    for (String line : lines) {
      String masked = codec.write(EventMasking.mask(parse(line)));
      assertThat(masked)
          .as(line)
          .doesNotContain("13800138000")
          .doesNotContain("12345678")
          .doesNotContain("0200112233")
          .doesNotContain("19491231")
          .doesNotContain("王小明")
          .doesNotContain("30.40")
          .doesNotContain("验证码")
          .doesNotContain("wxid_abcdefgh")
          .doesNotContain("4567890123");
    }
  }

  @Test
  void mask_keepsWhatIsNotPersonal() {
    String masked =
        codec.write(
            EventMasking.mask(
                parse(
                    "{\"type\":\"device\",\"id\":\"d\",\"ts\":1795741200000,\"subscriber\":\"13800138000\",\"kind\":\"app_install\",\"target\":\"com.fake.invest\"}")));
    assertThat(masked)
        .contains("\"target\":\"com.fake.invest\"")
        .contains("\"subscriber\":\"138****8000\"");
  }
}
