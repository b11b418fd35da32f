package org.fanzha.text.train;

import java.util.ArrayList;
import java.util.List;

/**
 * A small hand-written training vocabulary for tests: police-impersonation fraud, loans, and chat.
 */
final class SmallCorpus {

  private SmallCorpus() {}

  static List<LabeledText> training() {
    List<LabeledText> out = new ArrayList<>();
    String[] police = {
      "我是公安局民警，你的银行卡涉嫌洗钱，请把钱转到安全账户配合调查",
      "这里是检察院，你涉嫌一起诈骗案，需要资金清查，不要告诉家人",
      "你好我是派出所的警官，你的身份证被人冒用办卡洗钱，请配合调查",
      "我们是刑侦大队，你名下账户涉案，马上把资金转入安全账户核查",
      "法院传票通知，你涉嫌洗钱犯罪，请立即联系办案民警",
      "公安局通知你涉嫌犯罪，要求你把存款转到国家安全账户",
      "你的医保卡涉嫌违规，公安机关要对你立案调查，请保密配合",
      "警官提醒你，涉案资金需要清查，转到安全账户后会退还",
    };
    String[] loan = {
      "无抵押贷款当天放款，先交保证金证明还款能力",
      "您的贷款已审批，银行卡号填错被冻结，交解冻金即可放款",
      "低息贷款，征信不好也能借，先交手续费再放款",
      "借款额度五万已通过，需要先缴纳会员费才能提现",
      "网贷秒批，凭身份证放款，放款前交工本费",
      "贷款到账前需要刷流水，先转一笔钱验证还款能力",
      "您的借款被冻结，缴纳解冻费后立即到账",
      "急用钱找我们，无抵押秒下款，先付服务费",
    };
    String[] chat = {
      "今天晚上一起吃饭吧", "妈妈我到学校了", "明天上午开会别迟到", "周末去公园散步吗",
      "你的快递到了记得取", "下班路上买点水果", "孩子作业写完了吗", "电影票我买好了七点见",
      "天气冷了多穿衣服", "我在超市要带什么吗", "会议纪要发群里了", "生日快乐祝你开心",
    };
    for (String s : police) {
      out.add(new LabeledText(s, "police", "test"));
    }
    for (String s : loan) {
      out.add(new LabeledText(s, "loan", "test"));
    }
    for (String s : chat) {
      out.add(new LabeledText(s, "none", "test"));
    }
    return out;
  }
}
