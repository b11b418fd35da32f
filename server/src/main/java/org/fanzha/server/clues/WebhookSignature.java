package org.fanzha.server.clues;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a pushed clue (API.md): header {@code X-Fanzha-Signature: sha256=<hex>}, the
 * HMAC-SHA256 of the exact body bytes under the receiver's secret. A receiver recomputes it over
 * the bytes it got and compares in constant time; the body's {@code sent_at} lets it refuse an old
 * push replayed.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Fanzha-Signature";
  private static final String PREFIX = "sha256=";

  private WebhookSignature() {}

  /** Returns the header value for {@code body} signed with {@code secret}. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java has HmacSHA256", e);
    }
  }

  /**
   * Returns whether {@code header} is the signature of {@code body} under {@code secret}; constant
   * time.
   */
  public static boolean verify(String secret, byte[] body, String header) {
    return MessageDigest.isEqual(
        sign(secret, body).getBytes(StandardCharsets.US_ASCII),
        header.getBytes(StandardCharsets.US_ASCII));
  }
}
