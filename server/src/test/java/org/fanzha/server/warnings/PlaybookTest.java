package org.fanzha.server.warnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.fanzha.core.event.FraudType;
import org.fanzha.engine.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookTest {
  static final String SHIPPED = PlaybookSource.shipped();

  @Test
  void theShippedPlaybookHasBothTextsOfEveryTypeNamingTheMaskedContact() {
    Playbook p = Playbook.parse(SHIPPED);
    for (FraudType t : FraudType.values()) {
      for (String lang : new String[] {"zh", "en"}) {
        String sms = p.sms(t, lang, "+86170****5678", "410402");
        assertThat(sms).as(t + " " + lang).contains("+86170****5678").doesNotContain("{");
        assertThat(p.script(t, lang, "+86170****5678", "410402"))
            .as(t + " " + lang)
            .doesNotContain("{")
            .isNotBlank();
      }
    }
    assertThat(p.sms(FraudType.POLICE, "zh", "", "410402")).as("no contact known").contains("陌生号码");
    assertThat(p.sms(FraudType.POLICE, "zh", "x", "u"))
        .isNotEqualTo(p.sms(FraudType.INVESTMENT, "zh", "x", "u"));
  }

  @Test
  void severityPicksTheChannelAndTheLadderTheNext() {
    Playbook p = Playbook.parse(SHIPPED);
    assertThat(p.plan(Level.CRITICAL).channel()).isEqualTo("visit");
    assertThat(p.plan(Level.MEDIUM))
        .isEqualTo(new Playbook.Plan("sms_12381", Duration.ofMinutes(120)));
    assertThat(p.next("sms_12381")).contains("call_96110");
    assertThat(p.next("visit")).isEmpty();
    assertThat(p.stronger("app_push", "call_96110")).isEqualTo("call_96110");
  }

  @Test
  void aBrokenPlaybookIsRefusedNamingWhatIsWrong() {
    assertThatThrownBy(
            () -> Playbook.parse(SHIPPED.replace("ladder: [app_push,", "ladder: [pigeon,")))
        .hasMessageContaining("ladder: unknown channel pigeon");
    assertThatThrownBy(() -> Playbook.parse(SHIPPED.replace("due_minutes: 120", "due_minutes: 0")))
        .hasMessageContaining("severity.medium.due_minutes");
    assertThatThrownBy(() -> Playbook.parse(SHIPPED.replace("  other:\n", "  bogus:\n")))
        .hasMessageContaining("templates.bogus: not a fraud type");
  }

  @Test
  void anEditedFileIsReadAgainAndABrokenEditKeepsTheLastGoodOne(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("playbook.yaml");
    Files.writeString(f, SHIPPED, StandardCharsets.UTF_8);
    PlaybookSource source = new PlaybookSource(f);
    assertThat(source.current().plan(Level.LOW).due()).isEqualTo(Duration.ofMinutes(1440));

    Files.writeString(
        f, SHIPPED.replace("due_minutes: 1440", "due_minutes: 60"), StandardCharsets.UTF_8);
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertThat(source.current().plan(Level.LOW).due())
        .as("no rebuild, no restart")
        .isEqualTo(Duration.ofMinutes(60));

    Files.writeString(f, "ladder: []", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    assertThat(source.current().plan(Level.LOW).due()).isEqualTo(Duration.ofMinutes(60));
  }
}
