package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** Money moving between accounts; {@code amountFen} is positive, in 分. */
public record TransferEvent(
    String id,
    long ts,
    @Nullable String source,
    String from,
    String to,
    long amountFen,
    String currency,
    @Nullable Channel channel,
    @Nullable String fromPhone,
    @Nullable String toName,
    @Nullable String device,
    @Nullable String ip,
    @Nullable String region)
    implements Event {

  @Override
  public EventType type() {
    return EventType.TRANSFER;
  }

  /**
   * Returns whether the money left the banking system here: a {@code cash:} receiver, or an ATM or
   * crypto OTC channel.
   */
  public boolean isCashOut() {
    return org.fanzha.core.id.Identifiers.isCashTerminal(to)
        || channel == Channel.ATM
        || channel == Channel.CRYPTO_OTC;
  }
}
