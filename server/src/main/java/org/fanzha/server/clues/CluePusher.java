package org.fanzha.server.clues;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fanzha.server.system.BackgroundThreads;
import org.fanzha.store.Clue;
import org.fanzha.store.Database;
import org.fanzha.store.Institution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pushes clues to their receivers' webhooks: a signed POST ({@link WebhookSignature}) with the
 * clue's id as {@code Idempotency-Key}, so a receiver that got a push twice (its answer was lost)
 * can tell. A 2xx answer delivers the clue; anything else, or no answer in time, is tried again
 * after a wait that doubles each time, up to a ceiling, until a push gets through or the receiver
 * acknowledges the clue on its own (it pulled it). Redirects are not followed: a push goes only
 * where an administrator pointed it.
 */
@Component
class CluePusher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CluePusher.class);
  private static final int BATCH = 100;

  private final Database db;
  private final Clock clock;
  private final ClueSettings settings;
  private final HttpClient http;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = BackgroundThreads.single("fanzha-clue-push");

  CluePusher(Database db, Clock clock, ClueSettings settings) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.pushTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    long every = settings.pushEvery().toMillis();
    timer.scheduleWithFixedDelay(this::pushQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Pushes every clue due now, in parallel; returns how many were delivered, once every answer is
   * in or late.
   */
  int pushDue() {
    long now = clock.millis();
    Map<String, Optional<Institution>> receivers = new HashMap<>();
    List<CompletableFuture<Boolean>> pushes = new ArrayList<>();
    for (Clue c : db.clues().duePushes(now, BATCH)) {
      if (inFlight.add(c.id())) {
        Optional<Institution> to =
            receivers.computeIfAbsent(c.institutionId(), db.institutions()::find);
        pushes.add(push(c, to, now).whenComplete((ok, e) -> inFlight.remove(c.id())));
      }
    }
    int delivered = 0;
    for (CompletableFuture<Boolean> p : pushes) {
      try {
        delivered += p.get(settings.pushTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS) ? 1 : 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
        log.warn("A clue push did not finish in time", e);
      }
    }
    return delivered;
  }

  private CompletableFuture<Boolean> push(Clue c, Optional<Institution> to, long now) {
    if (to.isEmpty() || to.get().webhookUrl() == null || to.get().secret() == null) {
      failed(c, now, "the receiver has no webhook");
      return CompletableFuture.completedFuture(false);
    }
    byte[] body = ClueJson.push(c, now);
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(to.get().webhookUrl()))
              .timeout(settings.pushTimeout())
              .header("Content-Type", "application/json")
              .header(WebhookSignature.HEADER, WebhookSignature.sign(to.get().secret(), body))
              .header("Idempotency-Key", c.id())
              .header("X-Fanzha-Attempt", Integer.toString(c.attempts() + 1))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
    } catch (IllegalArgumentException e) {
      failed(c, now, "bad webhook URL: " + e.getMessage());
      return CompletableFuture.completedFuture(false);
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              long at = clock.millis();
              if (error == null && response.statusCode() / 100 == 2) {
                db.clues().delivered(c.id(), at);
                return true;
              }
              failed(
                  c,
                  at,
                  error != null
                      ? error.getClass().getSimpleName() + ": " + error.getMessage()
                      : "HTTP " + response.statusCode());
              return false;
            });
  }

  private void failed(Clue c, long now, String why) {
    db.clues().failed(c.id(), now + settings.retryAfter(c.attempts() + 1).toMillis(), why);
  }

  private void pushQuietly() {
    try {
      pushDue();
    } catch (RuntimeException e) {
      log.warn("Pushing clues failed; will retry", e);
    }
  }

  @Override
  public void close() {
    BackgroundThreads.stop(timer);
  }
}
