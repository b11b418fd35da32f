package org.fanzha.engine.subscriber;

import java.util.List;
import org.fanzha.core.event.EventType;
import org.fanzha.core.reason.Reason;
import org.jspecify.annotations.Nullable;

/**
 * A number's subscriber score (在网积分) at one moment.
 *
 * @param phone the canonical number
 * @param score 0–100, higher is more trusted
 * @param band the band of that score
 * @param lines the score lines the number met, largest effect first
 * @param limits what a number of this band may do
 * @param callsLastDay its outgoing calls over the last 24 hours
 * @param smsLastDay its messages over the last 24 hours
 * @param at the moment scored (epoch ms: the latest event time the engine has read)
 */
public record SubscriberScore(
    String phone,
    int score,
    Band band,
    List<ScoreLine> lines,
    Limits limits,
    int callsLastDay,
    int smsLastDay,
    long at) {

  public SubscriberScore {
    lines = List.copyOf(lines);
  }

  /**
   * Returns which of its band's limits a call or message this number just made ({@code type}, to
   * {@code counterpart}, a canonical number) breaks, or null: more calls or messages over 24 hours
   * than the band allows (this one counted), or one abroad where the band allows none. Other event
   * types break none.
   */
  public @Nullable Reason breach(EventType type, String counterpart) {
    boolean call = type == EventType.CALL;
    if (!call && type != EventType.SMS) {
      return null;
    }
    String b = band.name();
    if (!limits.international() && abroad(counterpart)) {
      return new Reason(
          "SUB_LIMIT_ABROAD",
          "在网积分" + b + "档号码未核验前不得拨打或发送境外号码",
          "A band " + b + " number may not call or text abroad until it is verified");
    }
    int cap = call ? limits.callsPerDay() : limits.smsPerDay();
    int used = call ? callsLastDay : smsLastDay;
    if (cap != Limits.NONE && used > cap) {
      return call
          ? new Reason(
              "SUB_LIMIT_CALLS",
              "在网积分" + b + "档号码24小时外呼" + used + "次，超过上限" + cap + "次",
              "A band " + b + " number's " + used + " calls in 24 hours pass its limit of " + cap)
          : new Reason(
              "SUB_LIMIT_SMS",
              "在网积分" + b + "档号码24小时发送短信" + used + "条，超过上限" + cap + "条",
              "A band "
                  + b
                  + " number's "
                  + used
                  + " messages in 24 hours pass its limit of "
                  + cap);
    }
    return null;
  }

  /** Whether a canonical number is outside China: international form, another country code. */
  static boolean abroad(String number) {
    return number.startsWith("+") && !number.startsWith("+86");
  }
}
