package org.fanzha.server.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.core.id.Identifiers;
import org.fanzha.core.time.Timestamps;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load test of {@code POST /api/v1/decide}: sends transfers at a fixed rate (open loop) to a running
 * server and prints latency percentiles. Latency is measured from when each request was due, not
 * when it was sent, so a stalled server cannot hide its queueing (coordinated omission).
 */
@Command(name = "decide-load", mixinStandardHelpOptions = true,
    description = "Measure the decision API: send transfers at --rate per second for --seconds to a running server "
        + "(loopback only) and print p50/p99/p99.9 latency.")
final class DecideLoad implements Callable<Integer> {

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "server base URL (default: ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--rate", defaultValue = "5000", description = "requests per second (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(names = "--seconds", defaultValue = "20", description = "measured duration (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--warmup", defaultValue = "5", description = "seconds sent first and not measured (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--key", defaultValue = "${env:FANZHA_API_KEY}",
      description = "API key, sent as Authorization: Bearer (default: env FANZHA_API_KEY; none for a server with open intake)")
  @Nullable String key;

  @Option(names = "--accounts", defaultValue = "20000", description = "distinct accounts the transfers use (default: ${DEFAULT-VALUE})")
  int accounts;

  @Override
  public Integer call() throws Exception {
    URI target = URI.create(url + "/api/v1/decide");
    String host = target.getHost();
    if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
      System.err.println("decide-load only targets a server on this machine (localhost / 127.0.0.1)");
      return 2;
    }
    String[] pool = new String[accounts];
    for (int i = 0; i < accounts; i++) {
      String body = String.format(Locale.ROOT, "622848%09d", i);
      pool[i] = body + Identifiers.luhnCheckDigit(body);
    }
    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4))
        .connectTimeout(Duration.ofSeconds(5)).build();
    int total = rate * (warmup + seconds);
    long[] latency = new long[rate * seconds];
    AtomicInteger measured = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    AtomicInteger inFlight = new AtomicInteger();
    String run = Long.toString(System.currentTimeMillis(), 36);
    long start = System.nanoTime();
    long interval = 1_000_000_000L / rate;
    long ts = Timestamps.parseIso("2026-11-27T09:00:00+08:00");
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String from = pool[(int) ((i * 7919L) % accounts)];
      String to = pool[(int) ((i * 104_729L + 1) % accounts)];
      if (from.equals(to)) {
        to = pool[(i + 1) % accounts];
      }
      String json = "{\"type\":\"transfer\",\"id\":\"load-" + run + "-" + i + "\",\"ts\":" + (ts + i * 10L)
          + ",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":\"" + (100 + i % 5000) + ".00\",\"channel\":\"mobile\"}";
      HttpRequest.Builder req = HttpRequest.newBuilder(target).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json));
      if (key != null && !key.isBlank()) {
        req.header("Authorization", "Bearer " + key);
      }
      boolean measure = i >= rate * warmup;
      inFlight.incrementAndGet();
      CompletableFuture<HttpResponse<Void>> f = http.sendAsync(req.build(), HttpResponse.BodyHandlers.discarding());
      f.whenComplete((r, ex) -> {
        long took = System.nanoTime() - due;
        if (ex != null || r.statusCode() != 200) {
          errors.incrementAndGet();
        } else if (measure) {
          int k = measured.getAndIncrement();
          if (k < latency.length) {
            latency[k] = took;
          }
        }
        inFlight.decrementAndGet();
      });
    }
    long sendEnd = System.nanoTime();
    while (inFlight.get() > 0 && System.nanoTime() - sendEnd < TimeUnit.SECONDS.toNanos(30)) {
      Thread.sleep(10);
    }
    int n = Math.min(measured.get(), latency.length);
    long[] l = Arrays.copyOf(latency, n);
    Arrays.sort(l);
    double achieved = total * 1e9 / (sendEnd - start);
    System.out.printf(Locale.ROOT, "decide: target %,d req/s, sent %,.0f req/s, measured %,d, errors %,d%n", rate, achieved, n, errors.get());
    if (n > 0) {
      System.out.printf(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
          pct(l, 0.50), pct(l, 0.90), pct(l, 0.99), pct(l, 0.999), l[n - 1] / 1e6);
    }
    return errors.get() == 0 ? 0 : 1;
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
