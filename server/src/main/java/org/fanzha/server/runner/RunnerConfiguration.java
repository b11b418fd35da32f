package org.fanzha.server.runner;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.server.runner.kafka.KafkaRunner;
import org.fanzha.server.runner.kafka.KafkaSettings;
import org.fanzha.store.Database;
import org.fanzha.store.RuleVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the store, recovers the engine and starts the runner. The database is {@code fanzha.db-url}
 * when set (H2 or PostgreSQL JDBC URL), else an H2 file database in {@code fanzha.data}.
 */
@Configuration
class RunnerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RunnerConfiguration.class);

  @Bean(destroyMethod = "close")
  Database database(StoreSettings store) {
    String dataDir = store.data().toString();
    Database db = Database.open(store.dbUrl().isBlank() ? dataDir : store.dbUrl(), store.data());
    log.info(
        "Store: {} ({})", db.url().replaceAll("password=[^;&]*", "password=***"), db.dialect());
    return db;
  }

  /** Exposed for Boot's JDBC health check; closed by the store, not by the context. */
  @Bean(destroyMethod = "")
  DataSource dataSource(Database db) {
    return db.dataSource();
  }

  /**
   * The engine's settings: the shipped rules, or the rule file {@code fanzha.engine.rules} when
   * given (the rules a new database starts with; published versions replace them), with the shipped
   * text model scoring SMS unless {@code fanzha.engine.content-model=false} (the same as {@code
   * replay}), and the trained model shipped in the engine jar unless {@code fanzha.engine.model}
   * names another file or {@code none} (rules alone).
   */
  @Bean
  EngineConfig engineConfig(Database db, EngineSources sources) {
    String file = sources.rules();
    EngineConfig start =
        EngineSettings.load(
            file.isBlank() ? null : Path.of(file), sources.contentModel(), sources.model());
    log.info(
        "Engine model: {}",
        start.models().phone() == null && start.models().account() == null
            ? "none"
            : start.models().version());
    Optional<RuleVersion> live = db.ruleVersions().live();
    if (live.isPresent()) {
      // A restart scores with the version that was live, whatever the start-up file says.
      try {
        log.info("Engine rules: published version {}", live.get().version());
        return start.withRules(RuleBook.parse(live.get().source()));
      } catch (RuleFileException e) {
        throw new IllegalStateException(
            "the live rule set version "
                + live.get().version()
                + " no longer compiles: "
                + e.problems(),
            e);
      }
    }
    log.info("Engine rules: {}", file.isBlank() ? "the shipped rule file" : file);
    return start;
  }

  /** The engine in this process: {@code fanzha.runner=embedded}, the default. */
  @Bean(initMethod = "start", destroyMethod = "close")
  @ConditionalOnProperty(name = "fanzha.runner", havingValue = "embedded", matchIfMissing = true)
  EmbeddedRunner embeddedRunner(
      Database db,
      EngineConfig config,
      RunnerSettings settings,
      ObjectProvider<JournalListener> listeners,
      ObjectProvider<WarningListener> warningListeners) {
    return new EmbeddedRunner(
        db,
        config,
        settings,
        listeners.orderedStream().toList(),
        warningListeners.orderedStream().toList());
  }

  /** The Flink job on Kafka: {@code fanzha.runner=flink} (decision 0012). */
  @Bean(initMethod = "start", destroyMethod = "close")
  @ConditionalOnProperty(name = "fanzha.runner", havingValue = "flink")
  KafkaRunner kafkaRunner(
      Database db,
      EngineConfig config,
      ObjectProvider<JournalListener> listeners,
      ObjectProvider<WarningListener> warningListeners,
      KafkaSettings settings) {
    return new KafkaRunner(
        db,
        config.rules(),
        settings.required(),
        listeners.orderedStream().toList(),
        warningListeners.orderedStream().toList());
  }

  /**
   * Binds {@code fanzha.runner} before either runner bean is wanted: a name neither takes fails the
   * start with the binder's message naming the property, instead of later for a missing runner.
   */
  @Bean
  StoreSettings.RunnerKind runnerKind(StoreSettings store) {
    return store.runner();
  }

  /**
   * Exposes the runner's counters as metrics ({@code fanzha.runner.*}) and the journal's backlog.
   */
  @Bean
  MeterBinder runnerMetrics(Runner runner, Database db) {
    return registry -> {
      Gauge.builder("fanzha.journal.waiting", db.journal(), j -> j.waitingForTable())
          .description(
              "journaled events in the write-ahead log not yet copied to the journal table")
          .register(registry);
      Gauge.builder("fanzha.journal.unindexed", db.journal(), j -> j.notIndexed())
          .description(
              "journaled events the per-entity index has not reached; past 20,000, entity pages may"
                  + " miss some")
          .register(registry);
      Gauge.builder("fanzha.journal.index.runs", db.journal(), j -> j.indexRuns())
          .description("runs the per-entity index is made of; merges keep them few")
          .register(registry);
      FunctionCounter.builder("fanzha.runner.processed", runner, r -> r.stats().processed())
          .description("events processed by the engine")
          .register(registry);
      FunctionCounter.builder("fanzha.runner.batches", runner, r -> r.stats().batches())
          .description("journal commits (group commit batches)")
          .register(registry);
      FunctionCounter.builder(
              "fanzha.runner.journal.seconds", runner, r -> r.stats().journalNanos() / 1e9)
          .description("time spent journaling batches")
          .register(registry);
      FunctionCounter.builder(
              "fanzha.runner.engine.seconds", runner, r -> r.stats().engineNanos() / 1e9)
          .description("time spent in the engine")
          .register(registry);
      Gauge.builder("fanzha.runner.queued", runner, r -> r.stats().queued())
          .description("submissions waiting for the engine thread")
          .register(registry);
    };
  }

  @Bean
  HealthIndicator engineHealthIndicator(Runner runner) {
    return () -> {
      RunnerStats s = runner.stats();
      Health.Builder b = runner.isRunning() ? Health.up() : Health.down();
      return b.withDetail("processed", s.processed())
          .withDetail("lastSeq", s.lastSeq())
          .withDetail("queued", s.queued())
          .withDetail("engineErrors", s.engineErrors())
          .build();
    };
  }
}
