package org.fanzha.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.engine.Level;
import org.junit.jupiter.api.Test;

/**
 * zh-CN and English stay complete: same keys, no blanks, and every key a template or enum needs
 * exists.
 */
class I18nPropertiesSyncTest {

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = I18nPropertiesSyncTest.class.getResourceAsStream("/" + name)) {
      assertThat(in).as(name).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void bundles_sameKeysAndNoBlankValues() throws IOException {
    Properties en = load("messages.properties");
    Properties zh = load("messages_zh_CN.properties");

    assertThat(new TreeSet<>(zh.stringPropertyNames()))
        .isEqualTo(new TreeSet<>(en.stringPropertyNames()));
    for (Properties p : new Properties[] {en, zh}) {
      p.forEach((k, v) -> assertThat(v.toString()).as(k.toString()).isNotBlank());
    }
  }

  @Test
  void bundles_holdEveryKeyTheTemplatesAndEnumsUse() throws IOException {
    Properties en = load("messages.properties");
    Set<String> needed = new TreeSet<>();
    Pattern literal = Pattern.compile("#\\{([a-zA-Z0-9_.]+)}");
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Matcher m = literal.matcher(Files.readString(f));
        while (m.find()) {
          needed.add(m.group(1));
        }
      }
    }
    for (Level l : Level.values()) {
      needed.add("level." + l.wireName());
    }
    for (EntityKind k : EntityKind.values()) {
      needed.add("kind." + k.wireName());
    }
    for (Role r : Role.values()) {
      needed.add("role." + r.wireName());
    }

    assertThat(needed).hasSizeGreaterThan(20);
    assertThat(en.stringPropertyNames()).containsAll(needed);
  }
}
