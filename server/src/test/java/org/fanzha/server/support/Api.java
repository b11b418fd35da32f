package org.fanzha.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Calls a server under test over HTTP as one signed-in user (Basic): events as NDJSON, everything
 * else as JSON.
 */
public final class Api {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String authorization;

  public Api(int port, String user, String password) {
    this.base = "http://localhost:" + port;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> post(String path, String body) throws Exception {
    String type = path.endsWith("/events") ? "application/x-ndjson" : "application/json";
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", type)
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", authorization)
            .GET());
  }

  /** The same request without signing in. */
  public HttpResponse<String> getAnonymously(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public HttpResponse<String> delete(String path) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", authorization)
            .DELETE());
  }

  /** A POST without signing in (the public portal). */
  public HttpResponse<String> postAnonymously(String path, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  /** The same request as another signed-in user. */
  public Api as(String user, String password) {
    return new Api(
        base,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** The same request signed with an API key ({@code Authorization: Bearer}). */
  public Api withKey(String key) {
    return new Api(base, "Bearer " + key);
  }

  private Api(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
