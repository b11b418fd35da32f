package org.fanzha.server.clues;

import static org.assertj.core.api.Assertions.assertThat;

import org.fanzha.server.audit.AuditSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/**
 * The clue and audit settings start with their defaults and refuse a value that cannot work, naming
 * the setting.
 */
class SettingsValidationTest {

  @EnableConfigurationProperties({ClueSettings.class, AuditSettings.class})
  static class Settings {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Settings.class);

  @Test
  void theDefaultsStart() {
    context.run(
        c -> {
          assertThat(c).hasNotFailed();
          assertThat(c.getBean(ClueSettings.class).ackWithin(ClueRouter.HIGH)).hasMinutes(30);
          assertThat(c.getBean(AuditSettings.class).retention()).hasDays(1095);
        });
  }

  @Test
  void aPeriodThatCannotWorkIsRefusedByName() {
    for (String bad :
        new String[] {
          "fanzha.clues.push-every=PT0S",
          "fanzha.clues.first-retry=-PT1S",
          "fanzha.clues.detection-min-score=101",
          "fanzha.audit.check-every=PT0S",
          "fanzha.audit.retention=-P1D"
        }) {
      String name = bad.substring(0, bad.indexOf('='));
      context
          .withPropertyValues(bad)
          .run(
              c ->
                  assertThat(c)
                      .as(bad)
                      .hasFailed()
                      .getFailure()
                      .hasStackTraceContaining(name.substring(name.lastIndexOf('.') + 1)));
    }
  }
}
