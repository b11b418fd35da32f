package org.fanzha.bench.graph.baseline;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.fanzha.bench.CommandLines;
import org.fanzha.bench.graph.SyntheticTransfers;
import org.fanzha.graph.funds.ForwardTracer;
import org.fanzha.graph.funds.TemporalReach;
import org.fanzha.graph.funds.TraceSettings;
import org.fanzha.graph.funds.TransferGraph;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The same question answered by PostgreSQL {@code WITH RECURSIVE} and by the in-memory graph, side
 * by side: which accounts a victim's payment could have reached through time-respecting paths (each
 * transfer no earlier than the one before) of at most 6 transfers within 48 hours, with the fewest
 * hops for each. Amount allocation (FIFO) is not expressible in plain recursive SQL, so the
 * compared quantity is this reachable set with hop numbers; the answers must be identical. The FIFO
 * trace time is printed beside it for reference.
 *
 * <pre>
 * .ci/postgres.sh start    # prints the JDBC URL
 * FANZHA_PG_URL=jdbc:postgresql://127.0.0.1:55432/fanzha?user=fanzha \
 *   java -Xmx8g -cp bench/target/benchmarks.jar org.fanzha.bench.graph.baseline.PostgresRecursiveTrace [transfers=1000000] [seeds=100] [url]
 * </pre>
 */
@Command(
    name = "postgres-recursive-trace",
    mixinStandardHelpOptions = true,
    description =
        "Times PostgreSQL's recursive query against the transfer graph on the same synthetic transfers.")
public final class PostgresRecursiveTrace implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "1_000_000",
      converter = CommandLines.Count.class,
      description = "transfers (default: ${DEFAULT-VALUE})")
  int n;

  @Parameters(
      index = "1",
      arity = "0..1",
      defaultValue = "100",
      description = "fraud cases traced (default: ${DEFAULT-VALUE})")
  int seeds;

  @Parameters(
      index = "2",
      arity = "0..1",
      description = "JDBC URL (default: env FANZHA_PG_URL; .ci/postgres.sh start prints one)")
  String url;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PostgresRecursiveTrace()).execute(args));
  }

  static final int HOPS = 6;
  static final Duration WINDOW = Duration.ofHours(48);

  /** Account ids are the generator's ints; {@code e} is the edge index (time order). */
  static final String QUERY =
      """
      WITH RECURSIVE reach(account, hop, ts) AS (
          SELECT dst, 1, ts FROM bench_transfers WHERE e = ?
        UNION
          SELECT t.dst, r.hop + 1, t.ts
          FROM reach r JOIN bench_transfers t ON t.src = r.account AND t.ts >= r.ts AND t.ts <= ?
          WHERE r.hop < ?
      )
      SELECT account, min(hop) FROM reach GROUP BY account""";

  private PostgresRecursiveTrace() {}

  @Override
  public Integer call() throws SQLException {
    String url = this.url != null ? this.url : System.getenv("FANZHA_PG_URL");
    if (url == null) {
      System.err.println(
          "give the JDBC URL as the third argument or FANZHA_PG_URL (.ci/postgres.sh start prints one)");
      return 2;
    }
    SyntheticTransfers data = SyntheticTransfers.generate(42, n);
    long t = System.nanoTime();
    TransferGraph g = new TransferGraph(n);
    data.appendTo(g);
    g.compact();
    double javaLoad = (System.nanoTime() - t) / 1e9;
    try (Connection c = DriverManager.getConnection(url)) {
      t = System.nanoTime();
      load(c, data);
      double pgLoad = (System.nanoTime() - t) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "size: %,d transfers, %,d accounts; load: PostgreSQL COPY + index + analyze %.1f s, graph %.1f s%n",
          n,
          data.names.length,
          pgLoad,
          javaLoad);
      compare(c, g, data, Math.min(seeds, data.seeds.length));
    }
    return 0;
  }

  static void load(Connection c, SyntheticTransfers d) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_transfers");
      s.execute(
          "CREATE UNLOGGED TABLE bench_transfers (e int PRIMARY KEY, src int NOT NULL, dst int NOT NULL,"
              + " ts bigint NOT NULL, amount bigint NOT NULL)");
    }
    CopyManager cm = new CopyManager(c.unwrap(BaseConnection.class));
    CopyIn in =
        cm.copyIn("COPY bench_transfers (e, src, dst, ts, amount) FROM STDIN WITH (FORMAT text)");
    StringBuilder b = new StringBuilder(1 << 20);
    for (int i = 0; i < d.size; i++) {
      b.append(i)
          .append('\t')
          .append(d.from[i])
          .append('\t')
          .append(d.to[i])
          .append('\t')
          .append(d.ts[i])
          .append('\t')
          .append(d.amount[i])
          .append('\n');
      if (b.length() > (1 << 20) - 128 || i == d.size - 1) {
        byte[] bytes = b.toString().getBytes(StandardCharsets.US_ASCII);
        in.writeToCopy(bytes, 0, bytes.length);
        b.setLength(0);
      }
    }
    in.endCopy();
    try (Statement s = c.createStatement()) {
      s.execute("CREATE INDEX bench_transfers_src_ts ON bench_transfers (src, ts)");
      s.execute("ANALYZE bench_transfers");
    }
  }

  static void compare(Connection c, TransferGraph g, SyntheticTransfers d, int seeds)
      throws SQLException {
    long[] sql = new long[seeds];
    long[] reach = new long[seeds];
    long[] fifo = new long[seeds];
    int same = 0;
    long reached = 0;
    ForwardTracer tracer =
        new ForwardTracer(g, TraceSettings.DEFAULTS.withWindow(WINDOW).withMaxHops(HOPS));
    Map<String, Integer> idOf = new HashMap<>();
    for (int a = 0; a < d.names.length; a++) {
      idOf.put(d.names[a], a);
    }
    // warm both sides on a few seeds first
    for (int i = 0; i < Math.min(10, seeds); i++) {
      TemporalReach.minHops(g, d.seeds[i], HOPS, WINDOW);
      tracer.traceEdge(d.seeds[i]);
    }
    try (PreparedStatement ps = c.prepareStatement(QUERY)) {
      for (int i = 0; i < seeds; i++) {
        int e = d.seeds[(int) ((i * 2_654_435_761L) % d.seeds.length)];
        long t = System.nanoTime();
        ps.setInt(1, e);
        ps.setLong(2, d.ts[e] + WINDOW.toMillis());
        ps.setInt(3, HOPS);
        Map<Integer, Integer> fromSql = new TreeMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            fromSql.put(rs.getInt(1), rs.getInt(2));
          }
        }
        sql[i] = System.nanoTime() - t;
        t = System.nanoTime();
        Map<String, Integer> fromGraph = TemporalReach.minHops(g, e, HOPS, WINDOW);
        reach[i] = System.nanoTime() - t;
        t = System.nanoTime();
        tracer.traceEdge(e);
        fifo[i] = System.nanoTime() - t;
        Map<Integer, Integer> graphIds = new TreeMap<>();
        fromGraph.forEach((name, hop) -> graphIds.put(idOf.get(name), hop));
        if (graphIds.equals(fromSql)) {
          same++;
        } else {
          System.out.printf(
              Locale.ROOT,
              "MISMATCH seed edge %d: SQL %d accounts, graph %d accounts%n",
              e,
              fromSql.size(),
              graphIds.size());
        }
        reached += fromSql.size();
      }
    }
    Arrays.sort(sql);
    Arrays.sort(reach);
    Arrays.sort(fifo);
    System.out.printf(
        Locale.ROOT,
        "question: accounts reachable by time-respecting paths of <= %d transfers within %d h, fewest hops each (%.1f accounts per seed)%n",
        HOPS,
        WINDOW.toHours(),
        (double) reached / seeds);
    System.out.printf(Locale.ROOT, "same answer: %d of %d seeds%n", same, seeds);
    System.out.printf(
        Locale.ROOT,
        "PostgreSQL WITH RECURSIVE: p50 %.3f ms, p99 %.3f ms%n",
        p(sql, 50),
        p(sql, 99));
    System.out.printf(
        Locale.ROOT,
        "graph TemporalReach:       p50 %.3f ms, p99 %.3f ms  (PostgreSQL / graph at p50: %.0fx)%n",
        p(reach, 50),
        p(reach, 99),
        p(sql, 50) / p(reach, 50));
    System.out.printf(
        Locale.ROOT,
        "graph FIFO trace (amounts): p50 %.3f ms, p99 %.3f ms  (PostgreSQL reach / FIFO trace at p50: %.0fx)%n",
        p(fifo, 50),
        p(fifo, 99),
        p(sql, 50) / p(fifo, 50));
  }

  private static double p(long[] sorted, int pct) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(pct / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
