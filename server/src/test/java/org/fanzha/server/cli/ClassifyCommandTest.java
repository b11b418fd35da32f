package org.fanzha.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./fanzha classify}: a CSV column into a classified copy; incomplete options are a usage
 * error (exit 2).
 */
class ClassifyCommandTest {

  @TempDir Path dir;

  @Test
  void aCsvColumnIsClassifiedIntoACopy_andMissingOptionsAreRefused() throws Exception {
    Path in = dir.resolve("in.csv");
    Path out = dir.resolve("out.csv");
    Files.writeString(in, "id,sms\n1,我是公安局民警，你涉嫌洗钱，请把钱转到安全账户\n2,晚上回家吃饭吗\n", StandardCharsets.UTF_8);

    int ok =
        new CommandLine(new FanzhaMain())
            .execute(
                "classify",
                "--input",
                in.toString(),
                "--text-column",
                "sms",
                "--output",
                out.toString());
    assertThat(ok).isZero();
    java.util.List<String> rows = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(rows.get(0)).contains("fraud_type", "score", "reasons");
    assertThat(rows.get(1)).contains("police");
    assertThat(rows.get(2)).doesNotContain("police");

    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new FanzhaMain());
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("classify", "--input", in.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--text-column and --output");
  }
}
