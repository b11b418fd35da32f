package org.fanzha.graph.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.money.Money;
import org.fanzha.core.time.Timestamps;
import org.fanzha.graph.funds.AllocationPolicy;
import org.fanzha.graph.funds.ForwardTrace;
import org.fanzha.graph.funds.ForwardTracer;
import org.fanzha.graph.funds.FreezePlan;
import org.fanzha.graph.funds.TraceJson;
import org.fanzha.graph.funds.TraceSettings;
import org.fanzha.graph.funds.TransferGraph;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code trace} command: reads an events NDJSON file, builds the transfer graph and prints one
 * trace JSON object per line per seed. A subcommand of {@code fanzha}; {@link #run} runs it alone.
 *
 * <p>Exit status: 0 all seeds traced; 1 some transfer id not found (its line is an object with
 * {@code error}); 2 bad usage or unreadable file.
 */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description =
        "Follow money from a transfer or an account: edges, holdings, cash-outs, freeze plan. Prints one JSON "
            + "object per seed. Exit 0 all traced, 1 a transfer id not found, 2 bad usage or an unreadable file.")
public final class TraceCli implements Callable<Integer> {

  @Option(
      names = "--events",
      required = true,
      paramLabel = "FILE",
      description = "the events NDJSON file")
  Path events;

  @Option(names = "--transfer", paramLabel = "ID", description = "trace from this transfer")
  @Nullable String transfer;

  @Option(
      names = "--transfers",
      paramLabel = "FILE_OF_IDS",
      description = "trace from each transfer id in this file, one a line")
  @Nullable Path transfers;

  @Option(
      names = "--account",
      paramLabel = "A",
      description = "trace what left this account after --after")
  @Nullable String account;

  @Option(
      names = "--after",
      paramLabel = "TS",
      description = "ISO-8601 with an offset, or epoch milliseconds")
  @Nullable String after;

  @Option(
      names = "--policy",
      paramLabel = "fifo|proportional",
      description = "how an account's outflows are matched to its inflows")
  @Nullable String policy;

  @Option(names = "--max-hops", paramLabel = "N", description = "hops followed at most")
  @Nullable Integer maxHops;

  @Option(
      names = "--window",
      paramLabel = "7d|48h|PT30M",
      description = "how long after an inflow an outflow still carries it")
  @Nullable String window;

  @Option(
      names = "--min-amount",
      paramLabel = "YUAN",
      description = "smaller amounts are not followed")
  @Nullable String minAmount;

  @Option(
      names = "--as-of",
      paramLabel = "TS",
      description = "when the freeze plan is made (default: the last event)")
  @Nullable String asOf;

  @Spec CommandSpec spec;

  /**
   * Runs the command alone with explicit output and diagnostic streams; returns the exit status.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new TraceCli());
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return execute(out, err);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (IOException e) {
      err.println("trace: cannot read " + e.getMessage());
      return 2;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int execute(PrintWriter out, PrintWriter err) throws IOException {
    List<String> ids = new ArrayList<>();
    if (transfer != null) {
      ids.add(transfer);
    }
    if (transfers != null) {
      for (String line : Files.readAllLines(transfers, StandardCharsets.UTF_8)) {
        String id = line.strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          ids.add(id);
        }
      }
    }
    boolean accountSeed = account != null;
    if (ids.isEmpty() == !accountSeed) {
      throw new IllegalArgumentException(
          "give either --transfer/--transfers or --account with --after");
    }
    long afterTs = 0;
    if (accountSeed) {
      if (after == null) {
        throw new IllegalArgumentException("--after is required with --account");
      }
      afterTs = parseTs(after, "--after");
    }
    TraceSettings settings = settings();

    Set<String> wanted = new LinkedHashSet<>(ids);
    Map<String, TransferEvent> found = new HashMap<>();
    TransferGraph graph = new TransferGraph(1 << 16);
    EventCodec codec = new EventCodec();
    long[] counts = new long[2];
    try (InputStream in = Files.newInputStream(events)) {
      org.fanzha.core.codec.NdjsonLines.forEach(
          in,
          (buf, off, len, line) -> {
            ParseResult r = codec.parse(buf, off, len, line);
            if (r instanceof ParseResult.Accepted a) {
              if (a.event() instanceof TransferEvent t) {
                graph.append(t);
                if (wanted.contains(t.id())) {
                  found.putIfAbsent(t.id(), t);
                }
              }
            } else if (r instanceof ParseResult.Rejected rej) {
              if (counts[1]++ < 5) {
                err.println("trace: skipped " + rej.rejection().describe());
              }
            }
            counts[0]++;
          });
    }
    graph.compact();
    err.printf(
        Locale.ROOT,
        "trace: %d events read, %d rejected, %d transfers, %d accounts%n",
        counts[0],
        counts[1],
        graph.transferCount(),
        graph.accountCount());
    long asOfTs = asOf != null ? parseTs(asOf, "--as-of") : graph.latestTs();
    ForwardTracer tracer = new ForwardTracer(graph, settings);
    int status = 0;
    if (account != null) {
      ForwardTrace t = tracer.traceAccount(account, afterTs);
      out.println(TraceJson.toJson(t, FreezePlan.of(graph, t, asOfTs)));
    }
    for (String id : ids) {
      TransferEvent t = found.get(id);
      if (t == null) {
        out.println(
            "{\"seed\":{\"kind\":\"transfer\",\"transfer\":"
                + quote(id)
                + "},\"error\":\"transfer not found in the events file\"}");
        status = 1;
        continue;
      }
      ForwardTrace trace = tracer.traceTransfer(t).orElseThrow();
      out.println(TraceJson.toJson(trace, FreezePlan.of(graph, trace, asOfTs)));
    }
    return status;
  }

  private TraceSettings settings() {
    TraceSettings s = TraceSettings.DEFAULTS;
    if (policy != null) {
      s = s.withPolicy(AllocationPolicy.fromWire(policy));
    }
    if (maxHops != null) {
      s = s.withMaxHops(maxHops);
    }
    if (window != null) {
      s = s.withWindow(parseDuration(window));
    }
    if (minAmount != null) {
      s = s.withMinAmountFen(Money.parseYuan(minAmount));
    }
    return s;
  }

  /** Parses {@code 7d}, {@code 48h}, {@code 30m} or an ISO-8601 duration ({@code PT48H}). */
  static Duration parseDuration(String raw) {
    String v = raw.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      switch (v.charAt(v.length() - 1)) {
        case 'd':
          return Duration.ofDays(n);
        case 'h':
          return Duration.ofHours(n);
        case 'm':
          return Duration.ofMinutes(n);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "--window must look like 7d, 48h, 30m or PT48H, not '" + raw + "'");
  }

  private static long parseTs(String raw, String name) {
    String v = raw.strip();
    try {
      if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
        return Timestamps.checkEpochMillis(Long.parseLong(v));
      }
      return Timestamps.parseIso(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + " must be ISO-8601 with an offset or epoch milliseconds: " + e.getMessage());
    }
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
