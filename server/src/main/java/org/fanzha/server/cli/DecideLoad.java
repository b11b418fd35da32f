package org.fanzha.server.cli;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load test of {@code POST /api/v1/decide}: sends transfers at fixed rates (open loop) to a running
 * server and prints latency percentiles per rate. Latency is measured from when each request was
 * due, not when it was sent, so a stalled server cannot hide its queueing (coordinated omission).
 * The transfers are those of a simulated city (its payers, payees, amounts and phones, victims'
 * payments and mules' hops among them), each sent once under a new id and dated now, so the server
 * sees the mix it would see from a bank, not one account paying another forever.
 */
@Command(
    name = "decide-load",
    mixinStandardHelpOptions = true,
    description =
        "Measure the decision API: send a simulated city's transfers at each of --rates per second for --seconds "
            + "to a running server (loopback only) and print p50/p99/p99.9/max latency and errors per rate; "
            + "with --floor, each rate then sent to the server's trivial endpoint too.")
final class DecideLoad implements Callable<Integer> {

  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:8080",
      description = "server base URL (default: ${DEFAULT-VALUE})")
  String url;

  @Option(
      names = {"--rates", "--rate"},
      split = ",",
      defaultValue = "1000,2000,5000",
      description = "requests per second, one step per rate (default: ${DEFAULT-VALUE})")
  List<Integer> rates;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description = "measured duration of each step (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      description =
          "seconds sent before each step at its rate and not measured (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--key",
      defaultValue = "${env:FANZHA_API_KEY}",
      description =
          "API key, sent as Authorization: Bearer (default: env FANZHA_API_KEY; none for a server with open intake)")
  @Nullable String key;

  @Option(
      names = "--connections",
      defaultValue = "64",
      description =
          "keep-alive connections the requests share; a request due while all are busy waits, and its wait counts (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(
      names = "--floor",
      description =
          "after each rate, send GET /actuator/info at the same rate to the same server and print it too: the HTTP stack's own latency on this machine, measured right after the decisions (the server may still be catching up on their background work)")
  boolean floor;

  @Option(
      names = "--world-seed",
      defaultValue = "7",
      description = "seed of the simulated city (default: ${DEFAULT-VALUE})")
  long worldSeed;

  @Option(
      names = "--people",
      defaultValue = "5000",
      description = "people in the simulated city (default: ${DEFAULT-VALUE})")
  int people;

  /** What one step measured. */
  record Step(
      int rate, double sentPerSecond, long ok, long errors, @Nullable Histogram latencyMicros) {}

  @Override
  public Integer call() throws Exception {
    URI target = URI.create(url + "/api/v1/decide");
    String host = target.getHost();
    if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
      System.err.println(
          "decide-load only targets a server on this machine (localhost / 127.0.0.1)");
      return 2;
    }
    List<TransferEvent> transfers = new ArrayList<>();
    World.generate(SimConfig.of(worldSeed, people, 2))
        .forEachEvent(
            e -> {
              if (e instanceof TransferEvent t) {
                transfers.add(t);
              }
            });
    if (transfers.isEmpty()) {
      System.err.println(
          "the simulated city of seed " + worldSeed + " made no transfers; give more --people");
      return 2;
    }
    System.out.printf(
        Locale.ROOT,
        "%,d transfers of a simulated city (seed %d, %,d people) sent under new ids, dated now%n",
        transfers.size(),
        worldSeed,
        people);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (key != null && !key.isBlank()) {
      headers.put("Authorization", "Bearer " + key);
    }
    InetSocketAddress address =
        new InetSocketAddress(host, target.getPort() < 0 ? 80 : target.getPort());
    try (OpenLoopClient http =
            new OpenLoopClient(address, target.getRawPath(), headers, connections);
        @Nullable OpenLoopClient info =
            floor
                ? new OpenLoopClient(address, "GET", "/actuator/info", Map.of(), connections)
                : null) {
      return run(http, info, transfers);
    }
  }

  private int run(OpenLoopClient http, @Nullable OpenLoopClient info, List<TransferEvent> transfers)
      throws InterruptedException {
    String run = Long.toString(System.currentTimeMillis(), 36);
    AtomicLong next = new AtomicLong();
    EventCodec codec = new EventCodec();
    IntFunction<byte[]> transfer =
        i ->
            codec
                .write(fresh(transfers, run, next.getAndIncrement()))
                .getBytes(StandardCharsets.UTF_8);
    IntFunction<byte[]> nothing = i -> new byte[0];
    long errors = 0;
    for (int rate : rates) {
      send(http, transfer, rate, warmup, null);
      Step s = send(http, transfer, rate, seconds, new Recorder(3));
      errors += s.errors();
      print("rate", s);
      if (info != null) {
        send(info, nothing, rate, warmup, null);
        Step f = send(info, nothing, rate, seconds, new Recorder(3));
        errors += f.errors();
        print("info", f);
      }
    }
    return errors == 0 ? 0 : 1;
  }

  /** The {@code n}th transfer sent: one of the city's, under a new id, dated a second ago. */
  private static TransferEvent fresh(List<TransferEvent> transfers, String run, long n) {
    TransferEvent t = transfers.get((int) (n % transfers.size()));
    return new TransferEvent(
        "load-" + run + "-" + n,
        System.currentTimeMillis() - 1_000,
        null,
        t.from(),
        t.to(),
        t.amountFen(),
        t.currency(),
        t.channel(),
        t.fromPhone(),
        t.toName(),
        t.device(),
        t.ip(),
        t.region());
  }

  private static void print(String what, Step s) {
    Histogram h = s.latencyMicros();
    System.out.printf(
        Locale.ROOT,
        "%s %,6d/s  sent %,8.0f/s  ok %,8d  errors %,6d",
        what,
        s.rate(),
        s.sentPerSecond(),
        s.ok(),
        s.errors());
    if (h != null && h.getTotalCount() > 0) {
      System.out.printf(
          Locale.ROOT,
          "  latency ms p50 %7.2f  p99 %7.2f  p99.9 %7.2f  max %7.2f",
          h.getValueAtPercentile(50) / 1e3,
          h.getValueAtPercentile(99) / 1e3,
          h.getValueAtPercentile(99.9) / 1e3,
          h.getMaxValue() / 1e3);
    }
    System.out.println();
  }

  /**
   * Sends at {@code rate} for {@code secs}, recording each answer's latency from its due time when
   * asked.
   */
  private static Step send(
      OpenLoopClient http, IntFunction<byte[]> body, int rate, int secs, @Nullable Recorder latency)
      throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicInteger inFlight = new AtomicInteger();
    long total = (long) rate * secs;
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (long i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      inFlight.incrementAndGet();
      http.send(
          body.apply((int) i),
          due,
          (status, dueNanos) -> {
            long tookMicros = (System.nanoTime() - dueNanos) / 1_000;
            if (status != 200) {
              errors.incrementAndGet();
            } else {
              ok.incrementAndGet();
              if (latency != null) {
                latency.recordValue(tookMicros);
              }
            }
            inFlight.decrementAndGet();
          });
    }
    double sent = total * 1e9 / (System.nanoTime() - start);
    long sendEnd = System.nanoTime();
    while (inFlight.get() > 0 && System.nanoTime() - sendEnd < TimeUnit.SECONDS.toNanos(30)) {
      Thread.sleep(10);
    }
    return new Step(
        rate,
        sent,
        ok.get(),
        errors.get(),
        latency == null ? null : latency.getIntervalHistogram());
  }
}
