package org.fanzha.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * An open, migrated database with the store's repositories. {@link #open(String)} takes either a
 * JDBC URL or a data folder; a folder means an H2 file database at {@code <folder>/fanzha}.
 *
 * <p>Durability policy (DESIGN principle 1): an append is durable before it returns. With a data
 * folder the journal appends to its write-ahead log and forces it to disk (fdatasync) once per
 * batch, and the table is filled behind it (decision 0020): a killed JVM or a power cut loses
 * nothing acknowledged, and opening the database copies what only the log holds. Without one (a
 * bare JDBC URL) each append commits to the table: on H2 the URL sets {@code WRITE_DELAY=0}, so the
 * commit reaches the file before the call returns (a killed JVM loses nothing; a power cut may lose
 * what the operating system had not yet flushed); on PostgreSQL a commit waits for its WAL fsync.
 */
public final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final EventJournal journal;
  private final Quarantine quarantine;
  private final SnapshotStore snapshots;
  private final AuditLog audit;
  private final HoldOrderRepository holds;
  private final StaffUserRepository users;
  private final ApiKeyRepository apiKeys;
  private final RuleVersionRepository ruleVersions;
  private final WarningTaskRepository warnings;
  private final ListEntryRepository lists;
  private final AppealRepository appeals;
  private final InstitutionRepository institutions;
  private final ClueRepository clues;
  private final AssessmentRepository assessments;
  private final WorkRepository work;
  private final VerificationRepository verifications;

  private Database(HikariDataSource dataSource, Dialect dialect, @Nullable Path journalLog) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.journal =
        new EventJournal(dataSource, journalLog == null ? null : JournalLog.open(journalLog));
    this.quarantine = new Quarantine(dataSource);
    this.snapshots = new SnapshotStore(dataSource);
    this.audit = new AuditLog(dataSource);
    this.holds = new HoldOrderRepository(dataSource);
    this.users = new StaffUserRepository(dataSource);
    this.apiKeys = new ApiKeyRepository(dataSource);
    this.ruleVersions = new RuleVersionRepository(dataSource);
    this.warnings = new WarningTaskRepository(dataSource);
    this.lists = new ListEntryRepository(dataSource);
    this.appeals = new AppealRepository(dataSource);
    this.institutions = new InstitutionRepository(dataSource);
    this.clues = new ClueRepository(dataSource);
    this.assessments = new AssessmentRepository(dataSource);
    this.work = new WorkRepository(dataSource);
    this.verifications = new VerificationRepository(dataSource);
  }

  /**
   * Opens the database named by a JDBC URL ({@code jdbc:h2:…} or {@code jdbc:postgresql:…}) or, for
   * anything else, the H2 file database inside that data folder; migrates it to the current schema.
   * User and password for a URL come from {@code FANZHA_DB_USER} / {@code FANZHA_DB_PASSWORD} when
   * set, else from the URL itself.
   */
  public static Database open(String urlOrDataDir) {
    if (urlOrDataDir.startsWith("jdbc:")) {
      return openUrl(
          urlOrDataDir, System.getenv("FANZHA_DB_USER"), System.getenv("FANZHA_DB_PASSWORD"));
    }
    return openH2(Path.of(urlOrDataDir));
  }

  /**
   * As {@link #open(String)}, with the journal's write-ahead log in {@code <dataDir>/journal-log}
   * for a database at a URL as well (a server's data folder holds its log whichever database it
   * uses).
   */
  public static Database open(String urlOrDataDir, Path dataDir) {
    if (urlOrDataDir.startsWith("jdbc:")) {
      return openUrl(
          urlOrDataDir,
          System.getenv("FANZHA_DB_USER"),
          System.getenv("FANZHA_DB_PASSWORD"),
          journalLogIn(dataDir));
    }
    return openH2(Path.of(urlOrDataDir));
  }

  /**
   * Opens (creating if needed) the H2 file database {@code <dataDir>/fanzha}, with the journal's
   * write-ahead log in {@code <dataDir>/journal-log}; events a crash left only in the log are
   * copied to the journal table now.
   */
  public static Database openH2(Path dataDir) {
    return openUrl(h2Url(dataDir), null, null, journalLogIn(dataDir));
  }

  /** Returns where the journal's write-ahead log of a data folder lives. */
  public static Path journalLogIn(Path dataDir) {
    return dataDir.toAbsolutePath().normalize().resolve("journal-log");
  }

  /** Returns the JDBC URL of the H2 file database kept in a data folder. */
  public static String h2Url(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve("fanzha");
    // WRITE_DELAY=0: write each commit to the file at once (see the class comment).
    // DB_CLOSE_ON_EXIT=FALSE: the application closes it, after its last snapshot.
    // LOCK_TIMEOUT=10000: a long index catch-up (and H2's automatic ANALYZE after it) can hold a
    // table lock for
    // seconds; other writers wait for it instead of failing after H2's default of one second.
    return "jdbc:h2:file:"
        + file
        + ";AUTO_SERVER=FALSE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
  }

  /**
   * Opens the database at a JDBC URL and migrates it; the journal commits each append to its table.
   */
  public static Database openUrl(String jdbcUrl, @Nullable String user, @Nullable String password) {
    return openUrl(jdbcUrl, user, password, null);
  }

  /**
   * Opens the database at a JDBC URL and migrates it; the journal appends to a write-ahead log
   * there when given.
   */
  public static Database openUrl(
      String jdbcUrl, @Nullable String user, @Nullable String password, @Nullable Path journalLog) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    if (user != null) {
      cfg.setUsername(user);
    }
    if (password != null) {
      cfg.setPassword(password);
    }
    cfg.setPoolName("fanzha-store");
    // The journal has one writer; the rest are look-ups from the console and API.
    cfg.setMaximumPoolSize(dialect == Dialect.H2 ? 6 : 10);
    cfg.setAutoCommit(true);
    HikariDataSource ds = new HikariDataSource(cfg);
    try {
      migrate(ds, dialect);
      return new Database(ds, dialect, journalLog);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
  }

  private static void migrate(DataSource ds, Dialect dialect) {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .placeholders(
            Map.of("binary_type", dialect.binaryType(), "bytes_type", dialect.bytesType()))
        .load()
        .migrate();
  }

  /** Returns the pooled data source. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Returns which database this is. */
  public Dialect dialect() {
    return dialect;
  }

  /** Returns the JDBC URL it was opened with. */
  public String url() {
    return dataSource.getJdbcUrl();
  }

  /** Returns the event journal. */
  public EventJournal journal() {
    return journal;
  }

  /** Returns the quarantine of refused events. */
  public Quarantine quarantine() {
    return quarantine;
  }

  /** Returns the engine snapshot store. */
  public SnapshotStore snapshots() {
    return snapshots;
  }

  /** Returns the audit log of personal-data look-ups. */
  public AuditLog audit() {
    return audit;
  }

  /** Returns the stop and freeze orders. */
  public HoldOrderRepository holds() {
    return holds;
  }

  /** Returns the named staff users. */
  public StaffUserRepository users() {
    return users;
  }

  /** Returns the machines' API keys. */
  public ApiKeyRepository apiKeys() {
    return apiKeys;
  }

  /** Returns the rule set versions. */
  public RuleVersionRepository ruleVersions() {
    return ruleVersions;
  }

  /** Dissuasion tasks made of early warnings, with their timelines. */
  public WarningTaskRepository warnings() {
    return warnings;
  }

  /** Returns the risk list entries. */
  public ListEntryRepository lists() {
    return lists;
  }

  /** Returns the appeals against listings and restrictions. */
  public AppealRepository appeals() {
    return appeals;
  }

  /** Returns the institutions clues are sent to. */
  public InstitutionRepository institutions() {
    return institutions;
  }

  /** Returns the clues sent to institutions. */
  public ClueRepository clues() {
    return clues;
  }

  /** Returns the register of new-business fraud-risk assessments. */
  public AssessmentRepository assessments() {
    return assessments;
  }

  /** Returns who works which item and the notes on items. */
  public WorkRepository work() {
    return work;
  }

  /** Returns the re-verification tasks of abnormal numbers and accounts. */
  public VerificationRepository verifications() {
    return verifications;
  }

  /** Closes the pool; on H2 this also closes the database file once the last connection goes. */
  @Override
  public void close() {
    try {
      journal.close();
    } finally {
      dataSource.close();
    }
  }
}
