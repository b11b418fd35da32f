package org.fanzha.server.clues;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The push signature is HMAC-SHA256 as RFC 4231 fixes it, and any change to the body or the key
 * breaks it.
 */
class WebhookSignatureTest {

  @Test
  void matchesRfc4231TestCase2() {
    // RFC 4231 section 4.3: key "Jefe", data "what do ya want for nothing?"
    byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    assertThat(WebhookSignature.sign("Jefe", body))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void aChangedBodyOrKeyFailsTheCheck() {
    byte[] body =
        "{\"id\":\"C1\",\"target\":{\"kind\":\"account\"}}".getBytes(StandardCharsets.UTF_8);
    String header = WebhookSignature.sign("a-secret-of-16-chars", body);
    assertThat(WebhookSignature.verify("a-secret-of-16-chars", body, header)).isTrue();
    byte[] changed = body.clone();
    changed[3] ^= 1;
    assertThat(WebhookSignature.verify("a-secret-of-16-chars", changed, header)).isFalse();
    assertThat(WebhookSignature.verify("another-secret-of-16", body, header)).isFalse();
    assertThat(WebhookSignature.verify("a-secret-of-16-chars", body, header.toUpperCase()))
        .isFalse();
  }
}
