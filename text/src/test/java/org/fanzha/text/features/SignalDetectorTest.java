package org.fanzha.text.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalDetectorTest {

  private final SignalDetector detector = SignalDetector.withDefaults();

  private Set<Signal> signals(String text) {
    int mask = detector.mask(text, TextNormalizer.normalize(text));
    Set<Signal> out = EnumSet.noneOf(Signal.class);
    for (Signal s : Signal.values()) {
      if ((mask & s.bit()) != 0) {
        out.add(s);
      }
    }
    return out;
  }

  @Test
  void mask_findsLuhnValidBankCardOnly() {
    assertThat(signals("请转到4111111111111111")).contains(Signal.BANK_CARD);
    assertThat(signals("请转到4111111111111112")).doesNotContain(Signal.BANK_CARD);
    assertThat(signals("卡号 6222 0202 0011 2233 447"))
        .containsAnyOf(Signal.BANK_CARD, Signal.ACCOUNT_NUMBER);
  }

  @Test
  void mask_findsAccountNumberByItsContext() {
    assertThat(signals("对方账号：123456789012")).contains(Signal.ACCOUNT_NUMBER);
    assertThat(signals("订单123456789012已发货")).doesNotContain(Signal.ACCOUNT_NUMBER);
  }

  @Test
  void mask_findsPhoneQqAndWechat() {
    assertThat(signals("联系13800138000")).contains(Signal.PHONE_NUMBER);
    assertThat(signals("加QQ：2837461950领取")).contains(Signal.QQ_ID);
    assertThat(signals("加vx: zhang_88888 详聊")).contains(Signal.WECHAT_ID);
    assertThat(signals("I love my xbox console")).doesNotContain(Signal.WECHAT_ID, Signal.QQ_ID);
  }

  @Test
  void mask_findsPayToEarnOnlyWhenAJobAsksForMoneyFirst() {
    assertThat(signals("手机兼职，日结，先交199会员费才能接单")).contains(Signal.PAY_TO_EARN);
    assertThat(signals("点赞任务做完第三单需要充值2880")).contains(Signal.PAY_TO_EARN);
    assertThat(signals("招聘兼职服务员，日结，包吃住")).doesNotContain(Signal.PAY_TO_EARN);
    assertThat(signals("话费充值成功，余额50元")).doesNotContain(Signal.PAY_TO_EARN);
  }

  @Test
  void mask_findsPayToReleaseAndCloseOneAsksMoney() {
    assertThat(signals("账户显示盈利，但提现要先交20%个人所得税")).contains(Signal.PAY_TO_RELEASE);
    assertThat(signals("您的提现已到账")).doesNotContain(Signal.PAY_TO_RELEASE);
    assertThat(signals("老公，我妈住院了，你先转我五万")).contains(Signal.CLOSE_ONE_ASKS_MONEY);
    assertThat(signals("老公，晚上回来吃饭吗")).doesNotContain(Signal.CLOSE_ONE_ASKS_MONEY);
  }

  @Test
  void hits_spanTheFirstCueOfAConjunction() {
    String text = "刷单返利，先交保证金";
    assertThat(detector.hits(text, TextNormalizer.normalize(text)))
        .filteredOn(h -> h.signal() == Signal.PAY_TO_EARN)
        .singleElement()
        .satisfies(h -> assertThat(h.text(text)).isEqualTo("先交"));
  }

  @Test
  void mask_findsMoneyIncludingMaskedDigits() {
    assertThat(signals("先交5000元保证金")).contains(Signal.MONEY, Signal.DEPOSIT);
    assertThat(signals("满xxx减xx元")).contains(Signal.MONEY);
    assertThat(signals("一共￥88")).contains(Signal.MONEY);
  }

  @Test
  void mask_findsFraudKeyPhrases() {
    assertThat(signals("请立即把钱转到安全账户，此事保密不要告诉家人"))
        .contains(Signal.URGENCY, Signal.SAFE_ACCOUNT, Signal.SECRECY);
    assertThat(signals("下载腾讯会议开启屏幕共享")).contains(Signal.SCREEN_SHARE, Signal.APP_DOWNLOAD);
    assertThat(signals("账户冻结，需要交解冻金")).contains(Signal.UNFREEZE, Signal.DEPOSIT);
    assertThat(signals("把验证码发给我")).contains(Signal.VERIFICATION_CODE);
    assertThat(signals("回TD退订")).contains(Signal.UNSUBSCRIBE);
  }

  @Test
  void mask_separatesLinksByRisk() {
    assertThat(signals("详情见 https://www.icbc.com.cn/notice"))
        .contains(Signal.LINK)
        .doesNotContain(Signal.RISKY_LINK);
    assertThat(signals("请登录icbc-bank.com.cn.xyz/login核实")).contains(Signal.LINK, Signal.RISKY_LINK);
  }

  @Test
  void mask_findsNothingInPlainChat() {
    assertThat(signals("今晚一起吃饭吗")).isEmpty();
  }

  @Test
  void hits_pointAtTheMatchedText() {
    String text = "请把钱转到安全账户";
    var hits = detector.hits(text, TextNormalizer.normalize(text));
    assertThat(hits)
        .anySatisfy(
            h -> {
              assertThat(h.signal()).isEqualTo(Signal.SAFE_ACCOUNT);
              assertThat(h.text(text)).isEqualTo("安全账户");
            });
  }
}
