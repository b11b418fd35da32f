package org.fanzha.server.runner;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the server keeps its data, and which engine runs ({@code fanzha.data}, {@code
 * fanzha.db-url}, {@code fanzha.runner}).
 *
 * @param data folder of the H2 file database (and of the journal's log), unless {@code dbUrl} names
 *     a database
 * @param dbUrl a JDBC URL ({@code jdbc:postgresql:…} or {@code jdbc:h2:…}) instead of the folder's
 *     H2 file; empty for none
 * @param runner where the engine runs: in this process, or as the Flink job over Kafka (decision
 *     0012)
 */
@ConfigurationProperties("fanzha")
@Validated
public record StoreSettings(
    @DefaultValue("./data") Path data,
    @DefaultValue("") String dbUrl,
    @DefaultValue("embedded") RunnerKind runner) {

  /** Where the engine runs. */
  public enum RunnerKind {
    EMBEDDED,
    FLINK
  }
}
