package org.fanzha.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load tool's client knows when a response has come whole, and never before. */
class OpenLoopClientTest {

  private static OpenLoopClient.Response parse(String wire) {
    byte[] b = wire.getBytes(StandardCharsets.ISO_8859_1);
    return OpenLoopClient.Response.parse(b, b.length);
  }

  @Test
  void aBodyOfDeclaredLength_isWholeOnlyWithItsLastByte() {
    String r =
        "HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{\"a\"}";
    assertThat(parse(r)).isEqualTo(new OpenLoopClient.Response(200, false));
    assertThat(parse(r.substring(0, r.length() - 1))).isNull();
    assertThat(parse(r.substring(0, r.indexOf("\r\n\r\n") + 2))).as("headers not ended").isNull();
  }

  @Test
  void aChunkedBody_isWholeAtItsLastChunk_andConnectionCloseIsRead() {
    String r =
        "HTTP/1.1 401 \r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "4\r\n{\"a\"\r\n2;x=y\r\n:1\r\n1\r\n}\r\n0\r\n\r\n";
    assertThat(parse(r)).isEqualTo(new OpenLoopClient.Response(401, true));
    for (int cut = r.indexOf("\r\n\r\n") + 4; cut < r.length(); cut++) {
      assertThat(parse(r.substring(0, cut))).as("cut at %d", cut).isNull();
    }
  }

  @Test
  void gets_onOneKeepAliveConnection_areFramedSoEachIsAnswered_andABodyIsRefused()
      throws Exception {
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.createContext(
        "/info",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          seen.add(exchange.getRequestMethod() + " " + body.length);
          byte[] out = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
    try (OpenLoopClient client =
        new OpenLoopClient(server.getAddress(), "GET", "/info", java.util.Map.of(), 1)) {
      java.util.concurrent.LinkedBlockingQueue<Integer> statuses =
          new java.util.concurrent.LinkedBlockingQueue<>();
      for (int i = 0; i < 3; i++) {
        client.send(new byte[0], System.nanoTime(), (status, due) -> statuses.add(status));
        assertThat(statuses.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
      }
      assertThat(seen).containsExactly("GET 0", "GET 0", "GET 0");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> client.send(new byte[] {1}, System.nanoTime(), (status, due) -> {}))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      server.stop(0);
    }
  }
}
