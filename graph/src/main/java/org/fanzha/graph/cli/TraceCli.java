package org.fanzha.graph.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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

/**
 * The {@code trace} command: reads an events NDJSON file, builds the transfer graph and prints
 * one trace JSON object per line per seed.
 *
 * <pre>
 * fanzha trace --events FILE (--transfer ID | --transfers FILE_OF_IDS | --account A --after TS)
 *              [--policy fifo|proportional] [--max-hops N] [--window 7d|48h|PT30M]
 *              [--min-amount YUAN] [--as-of TS]
 * </pre>
 *
 * Exit status: 0 all seeds traced; 1 some transfer id not found (its line is an object with
 * {@code error}); 2 bad usage or unreadable file.
 */
public final class TraceCli {

  static final String USAGE = "usage: fanzha trace --events FILE (--transfer ID | --transfers FILE_OF_IDS"
      + " | --account A --after TS) [--policy fifo|proportional] [--max-hops N] [--window 7d|48h|PT30M]"
      + " [--min-amount YUAN] [--as-of TS]";

  private TraceCli() {}

  /** Runs the command, writing traces to {@code out} and diagnostics to standard error. */
  public static int run(String[] args, PrintStream out) {
    return run(args, out, System.err);
  }

  /** Runs the command with explicit output and diagnostic streams; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> opt;
    try {
      opt = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("trace: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (opt.containsKey("help")) {
      out.println(USAGE);
      return 0;
    }
    try {
      return execute(opt, out, err);
    } catch (IllegalArgumentException e) {
      err.println("trace: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException e) {
      err.println("trace: cannot read " + e.getMessage());
      return 2;
    }
  }

  private static int execute(Map<String, String> opt, PrintStream out, PrintStream err) throws IOException {
    String events = require(opt, "events");
    List<String> ids = new ArrayList<>();
    if (opt.containsKey("transfer")) {
      ids.add(opt.get("transfer"));
    }
    if (opt.containsKey("transfers")) {
      for (String line : Files.readAllLines(Path.of(opt.get("transfers")), StandardCharsets.UTF_8)) {
        String id = line.strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          ids.add(id);
        }
      }
    }
    boolean accountSeed = opt.containsKey("account");
    if (ids.isEmpty() == !accountSeed) {
      throw new IllegalArgumentException("give either --transfer/--transfers or --account with --after");
    }
    long after = accountSeed ? parseTs(require(opt, "after"), "--after") : 0;
    TraceSettings settings = settings(opt);

    Set<String> wanted = new LinkedHashSet<>(ids);
    Map<String, TransferEvent> found = new HashMap<>();
    TransferGraph graph = new TransferGraph(1 << 16);
    EventCodec codec = new EventCodec();
    long[] counts = new long[2];
    try (InputStream in = Files.newInputStream(Path.of(events))) {
      org.fanzha.core.codec.NdjsonLines.forEach(in, (buf, off, len, line) -> {
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
    err.printf(Locale.ROOT, "trace: %d events read, %d rejected, %d transfers, %d accounts%n",
        counts[0], counts[1], graph.transferCount(), graph.accountCount());
    long asOf = opt.containsKey("as-of") ? parseTs(opt.get("as-of"), "--as-of") : graph.latestTs();
    ForwardTracer tracer = new ForwardTracer(graph, settings);
    int status = 0;
    if (accountSeed) {
      ForwardTrace t = tracer.traceAccount(opt.get("account"), after);
      out.println(TraceJson.toJson(t, FreezePlan.of(graph, t, asOf)));
    }
    for (String id : ids) {
      TransferEvent t = found.get(id);
      if (t == null) {
        out.println("{\"seed\":{\"kind\":\"transfer\",\"transfer\":" + quote(id)
            + "},\"error\":\"transfer not found in the events file\"}");
        status = 1;
        continue;
      }
      ForwardTrace trace = tracer.traceTransfer(t).orElseThrow();
      out.println(TraceJson.toJson(trace, FreezePlan.of(graph, trace, asOf)));
    }
    out.flush();
    return status;
  }

  static TraceSettings settings(Map<String, String> opt) {
    TraceSettings s = TraceSettings.DEFAULTS;
    if (opt.containsKey("policy")) {
      s = s.withPolicy(AllocationPolicy.fromWire(opt.get("policy")));
    }
    if (opt.containsKey("max-hops")) {
      try {
        s = s.withMaxHops(Integer.parseInt(opt.get("max-hops")));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--max-hops must be a whole number, not '" + opt.get("max-hops") + "'");
      }
    }
    if (opt.containsKey("window")) {
      s = s.withWindow(parseDuration(opt.get("window")));
    }
    if (opt.containsKey("min-amount")) {
      s = s.withMinAmountFen(Money.parseYuan(opt.get("min-amount")));
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
    throw new IllegalArgumentException("--window must look like 7d, 48h, 30m or PT48H, not '" + raw + "'");
  }

  private static long parseTs(String raw, String name) {
    String v = raw.strip();
    try {
      if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
        return Timestamps.checkEpochMillis(Long.parseLong(v));
      }
      return Timestamps.parseIso(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + " must be ISO-8601 with an offset or epoch milliseconds: " + e.getMessage());
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> opt = new HashMap<>();
    Set<String> known = Set.of("events", "transfer", "transfers", "account", "after", "policy",
        "max-hops", "window", "min-amount", "as-of");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        opt.put("help", "");
        continue;
      }
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'");
      }
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
        value = args[++i];
      }
      opt.put(name, value);
    }
    return opt;
  }

  private static String require(Map<String, String> opt, String name) {
    String v = opt.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
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
