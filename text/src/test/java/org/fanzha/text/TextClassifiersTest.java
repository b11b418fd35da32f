package org.fanzha.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.FraudType;
import org.fanzha.text.model.HashedTextClassifier;
import org.fanzha.text.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The shipped model on texts written for this test before it was ever run (none of them is in the
 * training data or the templates). Exact types are asserted only where the type is unambiguous.
 */
class TextClassifiersTest {

  private final ContentClassifier shipped = TextClassifiers.loadDefault();

  @Test
  void loadDefault_loadsTheShippedModelOnce() {
    assertThat(TextClassifiers.loadDefault()).isSameAs(shipped);
    HashedTextClassifier h = (HashedTextClassifier) shipped;
    assertThat(h.model().labels()).containsAll(Trainer.LABEL_ORDER.subList(0, 12));
  }

  @Test
  void classify_policeImpersonation() {
    ContentVerdict v = shipped.classify("我是市公安局的民警，你的银行卡涉嫌洗钱，请把资金转到安全账户配合调查，这件事不要告诉家人。");
    assertThat(v.fraudType()).isEqualTo(FraudType.POLICE);
    assertThat(v.phrases()).isNotEmpty();
  }

  @Test
  void classify_fakeCustomerService() {
    ContentVerdict v = shipped.classify("你好，我是淘宝客服，你买的商品有质量问题，我们给你三倍赔偿，请下载腾讯会议共享屏幕操作退款。");
    assertThat(v.fraudType()).isEqualTo(FraudType.CUSTOMER_SERVICE);
  }

  @Test
  void classify_fakeLoan() {
    ContentVerdict v = shipped.classify("无抵押贷款，当天放款，先交2000元保证金就能到账。");
    assertThat(v.fraudType()).isEqualTo(FraudType.LOAN);
  }

  @Test
  void classify_brushingIsFraud() {
    ContentVerdict v = shipped.classify("刷单兼职，一单佣金20元，先垫付后返还，做完立刻结算。");
    assertThat(v.isFraud()).isTrue();
  }

  @Test
  void classify_normalTextsAreNotFraud() {
    assertThat(shipped.classify("今天晚上回家吃饭吗？").isFraud()).isFalse();
    assertThat(shipped.classify("【招商银行】您尾号1234的信用卡本月账单已出，请按时还款。").isFraud()).isFalse();
  }

  @Test
  void classify_phishingLinkMakesAnOrdinaryTextFraud() {
    ContentVerdict v = shipped.classify("您好，详情请看 http://icbc-bank.com.cn.xyz/login");
    assertThat(v.isFraud()).isTrue();
    assertThat(String.join(" ", v.phrases())).contains("icbc-bank.com.cn.xyz");
  }

  @Property(tries = 200)
  void classify_anyTextGivesAValidVerdict(@ForAll @StringLength(max = 300) String text) {
    ContentVerdict v = shipped.classify(text);
    assertThat(v.score()).isBetween(0.0, 1.0);
    assertThat(Trainer.LABEL_ORDER).contains(v.label());
    assertThat(v.isFraud()).isEqualTo(FraudType.fromWire(v.label()) != null);
    assertThat(v.phrases().size()).isLessThanOrEqualTo(5);
  }
}
