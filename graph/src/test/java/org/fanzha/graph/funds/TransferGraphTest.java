package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fanzha.core.event.Channel;
import org.junit.jupiter.api.Test;

class TransferGraphTest {

  @Test
  void findEdge_locatesTransferByPartiesTimeAndAmount() {
    TransferGraph g = new TransferGraph();
    g.append("6222020200112233445", "6217000010001234567", 1000, 4_900_000, Channel.MOBILE);
    int e = g.append("6222020200112233445", "6217000010001234567", 1000, 100, Channel.MOBILE);

    assertThat(g.findEdge("6222020200112233445", "6217000010001234567", 1000, 100)).isEqualTo(e);
    assertThat(g.findEdge("6222020200112233445", "6217000010001234567", 1001, 100)).isEqualTo(-1);
    assertThat(g.findEdge("nobody", "6217000010001234567", 1000, 100)).isEqualTo(-1);
  }

  @Test
  void append_marksCashOutsAsTheEventContractDoes() {
    TransferGraph g = new TransferGraph();
    int cashTerminal = g.append("a:1", "cash:T9", 1, 10, null);
    int atm = g.append("a:1", "a:2", 2, 10, Channel.ATM);
    int otc = g.append("a:1", "a:3", 3, 10, Channel.CRYPTO_OTC);
    int mobile = g.append("a:1", "a:4", 4, 10, Channel.MOBILE);

    assertThat(g.isCashOut(cashTerminal)).isTrue();
    assertThat(g.isCashOut(atm)).isTrue();
    assertThat(g.isCashOut(otc)).isTrue();
    assertThat(g.isCashOut(mobile)).isFalse();
    assertThat(g.channel(otc)).isEqualTo(Channel.CRYPTO_OTC);
    assertThat(g.channel(cashTerminal)).isNull();
  }

  @Test
  void append_nonPositiveAmount_rejected() {
    assertThatThrownBy(() -> new TransferGraph().append("a:1", "a:2", 1, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0 fen");
  }

  @Test
  void accountName_roundTripsUtf8() {
    TransferGraph g = new TransferGraph();
    g.append("wechat:张三-001", "alipay:李四", 1, 1, null);
    assertThat(g.accountName(g.accountId("wechat:张三-001"))).isEqualTo("wechat:张三-001");
    assertThat(g.accountCount()).isEqualTo(2);
  }

  @Test
  void memoryBytes_tenTransfersPerAccount_under40BytesPerTransfer() {
    TransferGraph g = new TransferGraph();
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      g.append(
          "62220202" + (i % 20_000 + 10_000_000),
          "62220202" + ((i * 7) % 20_000 + 10_000_000),
          1_000L * i,
          100 + i,
          Channel.MOBILE);
    }
    g.compact();
    assertThat((double) g.memoryBytes() / n).isLessThan(40.0);
  }
}
