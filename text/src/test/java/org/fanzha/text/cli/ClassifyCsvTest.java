package org.fanzha.text.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.FraudType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCsvTest {

  @TempDir Path dir;

  /** A stand-in classifier: fraud when the text mentions 安全账户. */
  private static ContentVerdict fake(String text) {
    return text.contains("安全账户")
        ? new ContentVerdict("police", FraudType.POLICE, 0.9, List.of("安全账户", "保密"))
        : new ContentVerdict("none", null, 0.8, List.of());
  }

  @Test
  void run_keepsColumnsAndMultilineFieldsAndAddsThree() throws IOException {
    Path in = dir.resolve("in.csv");
    Files.writeString(
        in, "\uFEFFid,sms,note\n1,\"请转到安全账户\n保密\",\"a,b\"\n2,今晚吃饭,x\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("out.csv");
    ClassifyCsv.Summary s = ClassifyCsv.run(in, "sms", out, ClassifyCsvTest::fake);
    assertThat(s).isEqualTo(new ClassifyCsv.Summary(2, 1, 0));
    try (Reader r = Files.newBufferedReader(out)) {
      var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
      assertThat(parser.getHeaderNames())
          .containsExactly("id", "sms", "note", "fraud_type", "score", "reasons");
      List<CSVRecord> rows = parser.getRecords();
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).get("sms")).isEqualTo("请转到安全账户\n保密");
      assertThat(rows.get(0).get("note")).isEqualTo("a,b");
      assertThat(rows.get(0).get("fraud_type")).isEqualTo("police");
      assertThat(rows.get(0).get("score")).isEqualTo("0.9000");
      assertThat(rows.get(0).get("reasons")).isEqualTo("安全账户 | 保密");
      assertThat(rows.get(1).get("fraud_type")).isEqualTo("none");
    }
  }

  @Test
  void run_missingColumnNamesTheColumnsThatExist() throws IOException {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "id,content\n1,x\n");
    assertThatThrownBy(
            () -> ClassifyCsv.run(in, "text", dir.resolve("o.csv"), ClassifyCsvTest::fake))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("text")
        .hasMessageContaining("[id, content]");
  }

  @Test
  void describe_showsTypeScoreAndReasons() {
    String line = ClassifyCsv.describe(fake("转到安全账户"));
    assertThat(line).isEqualTo("police (冒充公检法) score=0.9000 reasons: 安全账户 | 保密");
  }

  @Test
  void classifyOne_usesTheShippedModel() {
    assertThat(ClassifyCsv.classifyOne("我是公安局民警，你涉嫌洗钱，请把钱转到安全账户").isFraud()).isTrue();
  }
}
