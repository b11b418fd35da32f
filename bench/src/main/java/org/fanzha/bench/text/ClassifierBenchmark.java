package org.fanzha.bench.text;

import java.util.concurrent.TimeUnit;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.text.TextClassifiers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages per second of the shipped content classifier on one thread (target ≥ 50,000 per core).
 *
 * <p>Each invocation classifies the next text of a fixed mix, so the figure covers normal texts
 * (one pass), spam and fraud (a second pass for the reasons) and texts with links (URL risk).
 *
 * <pre>
 * ./mvnw -B -q -pl bench package -DskipTests
 * java -jar bench/target/benchmarks.jar ClassifierBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2) // the JIT needs ~6 s to reach steady state here
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ClassifierBenchmark {

  /** Which texts: {@code mix} (a realistic blend), {@code normal}, {@code fraud}. */
  @Param({"mix", "normal", "fraud"})
  public String texts;

  private static final String[] NORMAL = {
    "今晚七点小区楼下篮球场集合，记得带水。",
    "【工商银行】您尾号6688的卡于10月12日14:05收入人民币3000.00元，活期余额5321.08元。",
    "妈妈，我到学校了，宿舍一切都好，周末再给你打电话。",
    "明天的项目评审改到下午三点，请各位提前把材料发到群里。",
    "【顺丰速运】您的快件已由本人签收，感谢使用顺丰，期待再次为您服务。",
    "老王，周末一起去爬山吗？",
  };

  private static final String[] FRAUD = {
    "我是市公安局的民警，你的银行卡涉嫌洗钱，请把资金转到安全账户配合调查，这件事不要告诉家人。",
    "你好，我是淘宝客服，你买的商品有质量问题，我们给你三倍赔偿，请下载腾讯会议共享屏幕操作退款。",
    "无抵押贷款，当天放款，先交2000元保证金就能到账，加QQ 2837461950办理。",
    "刷单兼职，一单佣金20元，先垫付后返还，做完立刻结算，下载APP接单 http://t.cn/A6abc12",
    "亲爱的，这个平台是我朋友开发的，稳赚的，你先充五千试试，赚了我们就去旅游。",
    "您的账户存在异常，请登录 icbc-bank.com.cn.xyz/login 核实身份，否则将被冻结。",
  };

  private static final String[] SPAM = {
    "欧诺厨柜新年发红包啦！全年最低价仅此一次！！新年开业前几名预订客户意外大礼，回TD退订。", "皇城美容SPA养生会所特大惊喜！凡到店顾客可免费做项目护理一次，另有多重惊喜等你来拿。",
  };

  private ContentClassifier classifier;
  private String[] pool;
  private int next;

  @Setup
  public void setUp() {
    classifier = TextClassifiers.loadDefault();
    pool =
        switch (texts) {
          case "normal" -> NORMAL;
          case "fraud" -> FRAUD;
          default -> mix();
        };
  }

  private static String[] mix() {
    // Roughly what an operator's SMS stream looks like: mostly normal, some ads, a little fraud.
    String[] m = new String[NORMAL.length * 3 + SPAM.length * 2 + FRAUD.length];
    int i = 0;
    for (int r = 0; r < 3; r++) {
      for (String s : NORMAL) {
        m[i++] = s;
      }
    }
    for (int r = 0; r < 2; r++) {
      for (String s : SPAM) {
        m[i++] = s;
      }
    }
    for (String s : FRAUD) {
      m[i++] = s;
    }
    return m;
  }

  /** Classifies one message. */
  @Benchmark
  public ContentVerdict classify() {
    String t = pool[next];
    next = next + 1 == pool.length ? 0 : next + 1;
    return classifier.classify(t);
  }
}
