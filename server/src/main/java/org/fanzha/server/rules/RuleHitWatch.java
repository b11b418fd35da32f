package org.fanzha.server.rules;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.server.runner.Runner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches how often each live rule fires: every rule's hits are a Micrometer counter ({@code
 * fanzha.rules.hits{code}}), and once a minute each rule's new hits are compared with its usual
 * rate (an exponential moving average); a rule firing {@code jumpFactor} times its usual rate (and
 * at least {@code minHits} times) raises an alert shown on the rules page. A script change by
 * fraudsters, or a broken feed, shows here first.
 */
@Component
public class RuleHitWatch {

  /** A rule that fired far more than usual in one interval. */
  public record Alert(long atMillis, String code, long hits, double usual) {}

  static final double JUMP_FACTOR = 5;
  static final long MIN_HITS = 50;
  static final int WARM_UP = 5;
  private static final double SMOOTHING = 0.2;
  private static final int KEPT = 20;

  private final Runner runner;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, Long> last = new HashMap<>();
  private final Map<String, Double> usual = new HashMap<>();
  private final Map<String, Integer> samples = new HashMap<>();
  private final Set<String> registered = new HashSet<>(); // touched by the scheduler thread only
  private final Deque<Alert> alerts = new ArrayDeque<>();

  RuleHitWatch(Runner runner, MeterRegistry meters, Clock clock) {
    this.runner = runner;
    this.meters = meters;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${fanzha.rules.watch-interval:PT1M}",
      initialDelayString = "${fanzha.rules.watch-interval:PT1M}")
  void sample() {
    if (runner.isRunning()) {
      Map<String, Long> hits = runner.ruleHits();
      for (String code : hits.keySet()) {
        if (registered.add(code)) {
          FunctionCounter.builder(
                  "fanzha.rules.hits", runner, r -> r.ruleHits().getOrDefault(code, 0L))
              .tag("code", code)
              .description("times the rule fired")
              .register(meters);
        }
      }
      detect(hits);
    }
  }

  /**
   * Takes the hit counts now (cumulative, per rule code); returns the alerts this interval raised.
   */
  synchronized List<Alert> detect(Map<String, Long> hits) {
    List<Alert> raised = new ArrayList<>();
    for (Map.Entry<String, Long> e : hits.entrySet()) {
      String code = e.getKey();
      long now = e.getValue();
      Long before = last.put(code, now);
      if (before == null) {
        continue;
      }
      long delta = Math.max(0, now - before);
      int n = samples.merge(code, 1, Integer::sum);
      double avg = usual.getOrDefault(code, (double) delta);
      if (n > WARM_UP && delta >= MIN_HITS && delta > JUMP_FACTOR * Math.max(avg, 1)) {
        Alert a = new Alert(clock.millis(), code, delta, avg);
        raised.add(a);
        alerts.addFirst(a);
        while (alerts.size() > KEPT) {
          alerts.removeLast();
        }
      }
      usual.put(code, avg + SMOOTHING * (delta - avg));
    }
    return raised;
  }

  /** Returns the latest alerts, newest first. */
  public synchronized List<Alert> alerts() {
    return List.copyOf(alerts);
  }
}
