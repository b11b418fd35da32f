package org.fanzha.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The README's configuration table is the settings records' metadata (written at build time by
 * Spring Boot's configuration processor from each record's defaults and {@code @param} notes), so
 * that neither can drift from the other. When a setting changes, run this test with {@code
 * -Dfanzha.readme.write=true} to write the table again.
 */
class ConfigurationTableTest {

  private static final String START =
      "<!-- configuration table: written from the settings records by ConfigurationTableTest -->";
  private static final String END = "<!-- end of the configuration table -->";
  private static final Path README = Path.of("..", "README.md");

  @Test
  void theReadmesTable_isTheSettingsRecordsMetadata() throws IOException {
    String table = table();
    assertThat(table)
        .contains("| `fanzha.runner.queue-capacity` | 20000 |", "| `fanzha.demo.speed` | 1800 |");
    String readme = Files.readString(README);
    int from = readme.indexOf(START);
    int to = readme.indexOf(END);
    assertThat(from).as("the README marks where the table goes").isPositive();
    assertThat(to).isGreaterThan(from);
    String written = readme.substring(from + START.length(), to).strip();
    if (Boolean.getBoolean("fanzha.readme.write") && !written.equals(table.strip())) {
      Files.writeString(
          README, readme.substring(0, from + START.length()) + "\n" + table + readme.substring(to));
      return;
    }
    assertThat(written)
        .as("README configuration table (-Dfanzha.readme.write=true writes it)")
        .isEqualTo(table.strip());
  }

  /** Renders every {@code fanzha.*} setting: name, default, what it sets. */
  static String table() throws IOException {
    JsonNode meta;
    try (InputStream in =
        ConfigurationTableTest.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor ran").isNotNull();
      meta = new ObjectMapper().readTree(in);
    }
    List<String> rows = new ArrayList<>();
    for (JsonNode p : meta.get("properties")) {
      String name = p.get("name").asString();
      if (!name.startsWith("fanzha.")) {
        continue;
      }
      JsonNode def = p.get("defaultValue");
      String shown =
          def == null || def.isNull() || def.asString().isEmpty() && !def.isArray()
              ? "—"
              : def.isArray()
                  ? String.join(", ", def.valueStream().map(JsonNode::asString).toList())
                  : def.asString();
      JsonNode about = p.get("description");
      String what =
          about == null
              ? "—"
              : about
                  .asString()
                  .replaceAll("\\{@(?:code|link) ([^}]*)}", "`$1`")
                  .replace("|", "\\|")
                  .replace("\n", " ");
      rows.add("| `" + name + "` | " + shown + " | " + what + " |");
    }
    rows.sort(null);
    StringBuilder out = new StringBuilder("| setting | default | what it sets |\n|---|---|---|\n");
    rows.forEach(r -> out.append(r).append('\n'));
    return out.toString();
  }
}
