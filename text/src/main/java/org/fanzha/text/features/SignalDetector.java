package org.fanzha.text.features;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.text.url.UrlAssessment;
import org.fanzha.text.url.UrlFinder;
import org.fanzha.text.url.UrlRiskAnalyzer;
import org.fanzha.text.url.UrlSpan;
import org.jspecify.annotations.Nullable;

/**
 * Finds the {@link Signal}s in a text: key phrases by a first-char-indexed table, and account
 * numbers, phone numbers, QQ / WeChat ids, money and links by hand-written scanners.
 *
 * <p>Thread-safe. Every scan reads the {@link TextNormalizer normalised} chars, so the masked
 * training corpora ({@code xxxx}, {@code DIGIT}) and real digits give the same signals; the Luhn
 * check alone looks at the original digits (a masked number passes it, as it would have).
 */
public final class SignalDetector {

  /*
   * Design. One pass over the text; at each position the first char selects, through an
   * open-addressed table of 512 slots, the few key phrases that start with it, which are then
   * compared in place. That keeps the cost near one table probe per char (~1 µs for an SMS), far
   * under the 20 µs a message may take at 50,000 messages/s. Regexes were avoided for that reason.
   * The same table holds cue words that are no feature alone; the conjunction signals (pay to earn,
   * pay to release, a close one asks for money) fire when two kinds of cue meet in one text.
   */

  /** URL risk at or above this makes a link a {@link Signal#RISKY_LINK}. */
  public static final double RISKY_LINK_THRESHOLD = 0.5;

  private static final Object[][] PHRASES = {
    {
      Signal.URGENCY,
      "立即",
      "立刻",
      "马上",
      "尽快",
      "赶紧",
      "抓紧",
      "紧急",
      "急需",
      "限时",
      "逾期",
      "否则",
      "今天之内",
      "今日内",
      "##小时内",
      "##分钟内",
      "最后期限",
      "刻不容缓",
      "来不及",
      "过时不候"
    },
    {
      Signal.SECRECY,
      "保密",
      "不要告诉",
      "不能告诉",
      "别告诉",
      "不要跟任何人",
      "不要声张",
      "不得透露",
      "不要透露",
      "不要挂断",
      "不要挂电话",
      "秘密",
      "侦查不公开",
      "不要和家人",
      "不要让家人",
      "悄悄"
    },
    {
      Signal.SAFE_ACCOUNT,
      "安全账户",
      "安全帐户",
      "安全账号",
      "国家账户",
      "清查账户",
      "资金清查",
      "资金核查",
      "监管账户",
      "核查账户",
      "安全户",
      "财产审查"
    },
    {
      Signal.SCREEN_SHARE,
      "屏幕共享",
      "共享屏幕",
      "分享屏幕",
      "屏幕分享",
      "腾讯会议",
      "视频会议",
      "会议软件",
      "会议号",
      "远程协助",
      "远程控制",
      "zoom",
      "小鱼易连",
      "云会议",
      "会议室",
      "录屏"
    },
    {
      Signal.DEPOSIT,
      "保证金",
      "押金",
      "手续费",
      "工本费",
      "解冻金",
      "激活费",
      "认证费",
      "会员费",
      "刷流水",
      "验资",
      "服务费",
      "预付",
      "定金",
      "解冻费",
      "税费",
      "公证费",
      "保险费",
      "提现费",
      "通道费"
    },
    {Signal.UNFREEZE, "解冻", "冻结", "封号", "封禁", "异常状态"},
    {Signal.VERIFICATION_CODE, "验证码", "校验码", "动态码", "动态密码"},
    {Signal.APP_DOWNLOAD, "下载", "安装", "app", "扫码", "二维码", "apk", "注册账号"},
    {
      Signal.REBATE,
      "刷单",
      "返利",
      "佣金",
      "返现",
      "垫付",
      "刷信誉",
      "好评返",
      "拍单",
      "冲销量",
      "刷销量",
      "报酬",
      "辛苦费",
      "本金",
      "连本带利"
    },
    {
      Signal.HIGH_RETURN,
      "稳赚",
      "保本",
      "高收益",
      "高回报",
      "收益率",
      "内幕",
      "带单",
      "导师",
      "老师带",
      "翻倍",
      "零风险",
      "无风险",
      "理财",
      "投资",
      "炒股",
      "虚拟币",
      "数字货币",
      "usdt",
      "比特币",
      "期货",
      "外汇",
      "原始股",
      "分红",
      "牛股",
      "荐股",
      "操盘",
      "杠杆",
      "盈利",
      "回本",
      "入金",
      "出金",
      "跟单",
      "拉升",
      "涨停",
      "交易所",
      "币圈",
      "挖矿",
      "返息",
      "利息高",
      "私募",
      "基金经理"
    },
    {
      Signal.CREDIT_RECORD,
      "征信",
      "信用记录",
      "不良记录",
      "注销账户",
      "校园贷",
      "学生账户",
      "消除记录",
      "信用修复",
      "影响信用",
      "信用分",
      "借呗",
      "微粒贷",
      "金条",
      "白条",
      "网贷",
      "学生贷",
      "失信",
      "利息超标",
      "学生账号",
      "洗白",
      "逾期记录",
      "呆账"
    },
    {
      Signal.PRIVATE_DEAL,
      "私下交易",
      "不走平台",
      "绕过平台",
      "绕开平台",
      "平台外",
      "不在平台",
      "直接转账",
      "微信转账",
      "先付款",
      "先转",
      "先交",
      "先付",
      "定金",
      "尾款",
      "面交",
      "不要在平台"
    },
    {
      Signal.GAME_ITEM,
      "游戏",
      "皮肤",
      "装备",
      "点券",
      "金币",
      "钻石",
      "代练",
      "上分",
      "段位",
      "道具",
      "游戏币",
      "游戏号",
      "满级",
      "满命",
      "角色",
      "王者",
      "原神",
      "吃鸡",
      "手游",
      "网游",
      "账号交易",
      "交易猫",
      "换绑",
      "代充",
      "元宝"
    },
    {
      Signal.AFFECTION,
      "亲爱的",
      "宝贝",
      "宝宝",
      "老婆",
      "老公",
      "相亲",
      "交友",
      "婚恋",
      "结婚",
      "见面",
      "想你",
      "爱你",
      "真心",
      "认识你",
      "单身",
      "离异",
      "缘分",
      "女朋友",
      "男朋友",
      "网恋",
      "我们的未来",
      "在一起"
    },
    {
      Signal.AUTHORITY,
      "公安局",
      "警官",
      "民警",
      "检察院",
      "法院",
      "通缉",
      "逮捕",
      "洗钱",
      "涉嫌",
      "传票",
      "立案",
      "办案",
      "刑侦",
      "犯罪",
      "涉案",
      "拘留",
      "警号"
    },
    {
      Signal.PLATFORM_SERVICE,
      "客服",
      "理赔",
      "退款",
      "赔偿",
      "丢件",
      "订单异常",
      "自动续费",
      "百万保障",
      "扣费",
      "售后",
      "质量问题",
      "快递丢"
    },
    {
      Signal.LOAN_OFFER,
      "贷款",
      "放款",
      "借款",
      "无抵押",
      "低息",
      "黑户",
      "下款",
      "网贷平台",
      "额度",
      "秒批",
      "信用卡代办",
      "提额",
      "放贷"
    },
    {Signal.NEW_CONTACT, "换号", "新号", "换了手机号", "换了号", "新微信", "私人微信", "手机坏了", "这是我的新", "加我这个"},
    {
      Signal.TASK_JOB,
      "兼职",
      "日结",
      "做任务",
      "接单",
      "派单",
      "点赞",
      "抢单",
      "关注店铺",
      "关注博主",
      "评价员",
      "按件计酬",
      "手机操作",
      "宝妈",
      "在家就能",
      "任务群",
      "小任务",
      "组合任务"
    },
    {Signal.UNSUBSCRIBE, "退订", "回td", "回复td", "拒收请回复", "回t退", "回n退", "退回td"},
    {Signal.WECHAT_ID, "加微信", "添加微信", "加我微信", "微信号", "加好友"},
    {Signal.QQ_ID, "qq群", "扣扣群", "加qq"},
    {Signal.MONEY, "万元", "几万", "十万", "百万", "人民币", "￥", "¥"},
  };

  // Cue words of the conjunction signals; a cue alone is no feature.
  private static final int CUE_PAY = 0;
  private static final int CUE_EARN = 1;
  private static final int CUE_RELEASE = 2;
  private static final int CUE_CLOSE = 3;
  private static final int CUE_ASK = 4;
  private static final int CUES = 5;

  private static final Object[][] CUE_PHRASES = {
    {
      CUE_PAY, "充值", "充钱", "垫付", "垫钱", "先交", "先付", "先转", "先充", "会员费", "入会费", "报名费", "年费", "保证金",
      "押金", "激活费", "解冻金", "解冻费", "手续费", "服务费", "工本费", "定金", "订金", "所得税", "税费", "交税", "缴税", "缴纳",
      "交纳", "补缴", "刷流水", "做流水", "升级会员", "开通会员", "升级vip", "认证金", "验证金", "风险金", "清关费", "关税", "保价费",
      "违约金", "全款", "交钱", "转钱", "补足", "入金", "交一笔", "付一笔", "通道费", "提现费", "保险费", "公证费", "质保金", "诚意金",
      "押一"
    },
    {
      CUE_EARN, "兼职", "日结", "做任务", "接任务", "领任务", "接单", "派单", "刷单", "点赞", "佣金", "返利", "返现", "提成",
      "日入", "赚钱", "零花钱", "副业", "酬劳", "报酬", "体验单", "福利单", "连单", "联单", "做单", "高佣", "商单", "任务单", "回报",
      "收益", "盈利", "分红", "利润", "稳赚", "赚了"
    },
    {
      CUE_RELEASE,
      "提现",
      "出金",
      "提不出",
      "提不了",
      "取不出",
      "取出来",
      "无法提",
      "不能提",
      "卡单",
      "解冻",
      "放款",
      "出款",
      "下款",
      "清关",
      "放行",
      "发货",
      "出票",
      "提款",
      "退还",
      "返还",
      "原路退",
      "退回",
      "到账"
    },
    {
      CUE_CLOSE, "亲爱的", "宝贝", "宝宝", "老婆", "老公", "表哥", "表姐", "表弟", "表妹", "舅舅", "叔叔", "阿姨", "老同学",
      "老同事", "领导", "老板", "局长", "处长", "科长", "主任", "董事长", "王总", "李总", "张总", "刘总", "班主任", "新号", "换号",
      "新微信", "手机坏了", "手机掉", "同学的号", "朋友的号", "哥哥", "姐姐", "我是你"
    },
    {
      CUE_ASK, "转我", "转给我", "借我", "帮我转", "帮我垫", "帮我付", "先帮我", "垫一下", "垫上", "转到这个", "转这个", "打到这个",
      "汇到", "转到我", "付一笔", "急需", "周转", "借点钱", "借一下", "转一下", "转过来", "打给我", "转账给", "把钱转", "先转", "打款"
    },
  };

  private static final String[] QQ_WORDS = {"qq", "扣扣", "企鹅"};
  private static final String[] WECHAT_WORDS = {
    "微信", "vx", "v信", "wx", "威信", "薇信", "weixin", "wechat", "加v"
  };
  private static final String[] ACCOUNT_WORDS = {
    "卡号", "账号", "帐号", "账户", "帐户", "户名", "转至", "转到", "汇入", "打到"
  };

  private static final int SLOTS = 512;
  private static final char[] SLOT_CHAR = new char[SLOTS];
  private static final char[][][] SLOT_PHRASES = new char[SLOTS][][];

  /** Per phrase: a signal's ordinal, or {@code CUE_BASE + cue} for a cue word. */
  private static final int[][] SLOT_IDS = new int[SLOTS][];

  private static final int CUE_BASE = 32;
  private static final Signal[] SIGNALS = Signal.values();

  static {
    for (Object[] group : PHRASES) {
      addPhrases(((Signal) group[0]).ordinal(), group);
    }
    for (Object[] group : CUE_PHRASES) {
      addPhrases(CUE_BASE + (Integer) group[0], group);
    }
  }

  private static void addPhrases(int id, Object[] group) {
    for (int g = 1; g < group.length; g++) {
      char[] p = TextNormalizer.normalize((String) group[g]);
      int slot = slotOf(p[0], true);
      char[][] old = SLOT_PHRASES[slot];
      int[] oldIds = SLOT_IDS[slot];
      int n = old == null ? 0 : old.length;
      char[][] np = new char[n + 1][];
      int[] ni = new int[n + 1];
      for (int k = 0; k < n; k++) {
        np[k] = old[k];
        ni[k] = oldIds[k];
      }
      np[n] = p;
      ni[n] = id;
      SLOT_PHRASES[slot] = np;
      SLOT_IDS[slot] = ni;
    }
  }

  private final UrlRiskAnalyzer urls;

  /** Returns a detector that rates links with {@code urls}. */
  public SignalDetector(UrlRiskAnalyzer urls) {
    this.urls = urls;
  }

  /** Returns a detector with the default URL catalogue. */
  public static SignalDetector withDefaults() {
    return new SignalDetector(UrlRiskAnalyzer.withDefaults());
  }

  private static int slotOf(char c, boolean insert) {
    int i = (c * 0x9E37) & (SLOTS - 1);
    while (true) {
      if (SLOT_PHRASES[i] == null) {
        if (insert) {
          SLOT_CHAR[i] = c;
        }
        return insert ? i : -1;
      }
      if (SLOT_CHAR[i] == c) {
        return i;
      }
      i = (i + 1) & (SLOTS - 1);
    }
  }

  /** Returns the mask of signals in the text ({@link Signal#bit()} of each). */
  public int mask(String text, char[] norm) {
    return scan(text, norm, null, null);
  }

  /** Returns every signal hit in the text, in order of position per kind. */
  public List<SignalHit> hits(String text, char[] norm) {
    List<SignalHit> out = new ArrayList<>();
    scan(text, norm, out, null);
    return out;
  }

  /** Returns every hit and collects the assessments of the links found into {@code links}. */
  public List<SignalHit> hits(String text, char[] norm, List<UrlAssessment> links) {
    List<SignalHit> out = new ArrayList<>();
    scan(text, norm, out, links);
    return out;
  }

  private int scan(
      String text, char[] s, @Nullable List<SignalHit> out, @Nullable List<UrlAssessment> links) {
    int mask = 0;
    int n = s.length;
    boolean dot = false;
    int cues = 0;
    int[] cueAt = null; // first position of each cue, kept only when hits are wanted
    for (int i = 0; i < n; i++) {
      char c = s[i];
      if (c == '.') {
        dot = true;
      }
      if (c == TextNormalizer.DIGIT) {
        int j = i;
        int digits = 0;
        while (j < n
            && (s[j] == TextNormalizer.DIGIT
                || ((s[j] == ' ' || s[j] == '-')
                    && j + 1 < n
                    && s[j + 1] == TextNormalizer.DIGIT
                    && digits > 0))) {
          if (s[j] == TextNormalizer.DIGIT) {
            digits++;
          }
          j++;
        }
        mask |= number(text, s, i, j, digits, out);
        i = j - 1;
        continue;
      }
      int slot = slotOf(c, false);
      if (slot < 0) {
        continue;
      }
      char[][] ps = SLOT_PHRASES[slot];
      for (int k = 0; k < ps.length; k++) {
        char[] p = ps[k];
        if (matchesAt(s, i, p)) {
          int id = SLOT_IDS[slot][k];
          if (id >= CUE_BASE) {
            int cue = id - CUE_BASE;
            if (out != null && (cues & (1 << cue)) == 0) {
              if (cueAt == null) {
                cueAt = new int[2 * CUES];
              }
              cueAt[2 * cue] = i;
              cueAt[2 * cue + 1] = i + p.length;
            }
            cues |= 1 << cue;
            continue;
          }
          Signal sig = SIGNALS[id];
          mask |= sig.bit();
          if (out != null) {
            out.add(new SignalHit(sig, i, i + p.length));
          }
        }
      }
    }
    mask |= conjunction(cues, CUE_PAY, CUE_EARN, Signal.PAY_TO_EARN, cueAt, out);
    mask |= conjunction(cues, CUE_PAY, CUE_RELEASE, Signal.PAY_TO_RELEASE, cueAt, out);
    mask |= conjunction(cues, CUE_ASK, CUE_CLOSE, Signal.CLOSE_ONE_ASKS_MONEY, cueAt, out);
    mask |= ids(s, out);
    if (dot) {
      List<UrlSpan> found = UrlFinder.find(text);
      for (UrlSpan u : found) {
        mask |= Signal.LINK.bit();
        UrlAssessment a = urls.assess(u.url());
        if (links != null) {
          links.add(a);
        }
        if (a.score() >= RISKY_LINK_THRESHOLD) {
          mask |= Signal.RISKY_LINK.bit();
        }
        if (out != null) {
          out.add(
              new SignalHit(
                  a.score() >= RISKY_LINK_THRESHOLD ? Signal.RISKY_LINK : Signal.LINK,
                  u.start(),
                  u.end()));
        }
      }
    }
    return mask;
  }

  /** Returns {@code sig}'s bit when both cues were seen; its hit spans the first cue's words. */
  private static int conjunction(
      int cues,
      int first,
      int second,
      Signal sig,
      int @Nullable [] cueAt,
      @Nullable List<SignalHit> out) {
    if ((cues & (1 << first)) == 0 || (cues & (1 << second)) == 0) {
      return 0;
    }
    if (out != null && cueAt != null) {
      out.add(new SignalHit(sig, cueAt[2 * first], cueAt[2 * first + 1]));
    }
    return sig.bit();
  }

  private static boolean matchesAt(char[] s, int i, char[] p) {
    if (i + p.length > s.length) {
      return false;
    }
    for (int k = 1; k < p.length; k++) {
      if (s[i + k] != p[k]) {
        return false;
      }
    }
    return true;
  }

  private static int number(
      String text, char[] s, int start, int end, int digits, @Nullable List<SignalHit> out) {
    Signal sig = null;
    if (digits == 11 && end - start == 11 && isPhoneStart(text.charAt(start))) {
      sig = Signal.PHONE_NUMBER;
    } else if (digits >= 16 && digits <= 19 && luhnOrMasked(text, start, end)) {
      sig = Signal.BANK_CARD;
    } else if (digits >= 12 && digits <= 19 && precededBy(s, start, ACCOUNT_WORDS, 8)) {
      sig = Signal.ACCOUNT_NUMBER;
    } else if (end < s.length && isMoneyUnit(s[end])) {
      sig = Signal.MONEY;
    } else if (start > 0 && (s[start - 1] == '￥' || s[start - 1] == '¥' || s[start - 1] == '$')) {
      sig = Signal.MONEY;
    }
    if (sig == null) {
      return 0;
    }
    if (out != null) {
      out.add(new SignalHit(sig, start, sig == Signal.MONEY && end < s.length ? end + 1 : end));
    }
    return sig.bit();
  }

  private static boolean isMoneyUnit(char c) {
    return c == '元' || c == '万' || c == '块' || c == 'w' || c == '千' || c == '圆';
  }

  private static boolean isPhoneStart(char c) {
    return c == '1' || c == '１' || c == 'x' || c == 'X';
  }

  private static boolean luhnOrMasked(String text, int start, int end) {
    int sum = 0;
    boolean dbl = false;
    for (int i = end - 1; i >= start; i--) {
      char c = text.charAt(i);
      if (c >= '０' && c <= '９') {
        c = (char) (c - 0xFEE0);
      }
      if (c < '0' || c > '9') {
        if (c == ' ' || c == '-') {
          continue;
        }
        return true; // masked by the corpus: the number's checksum is unknown
      }
      int d = c - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  private static boolean precededBy(char[] s, int start, String[] words, int window) {
    int from = Math.max(0, start - window);
    for (String w : words) {
      for (int i = from; i + w.length() <= start; i++) {
        if (s[i] == w.charAt(0) && new String(s, i, w.length()).equals(w)) {
          return true;
        }
      }
    }
    return false;
  }

  /** QQ and WeChat ids: a cue word, then within a few chars an id. */
  private static int ids(char[] s, @Nullable List<SignalHit> out) {
    int mask = 0;
    for (String w : QQ_WORDS) {
      int at = idAfter(s, w, true);
      if (at >= 0) {
        mask |= Signal.QQ_ID.bit();
        if (out != null) {
          out.add(new SignalHit(Signal.QQ_ID, at, Math.min(s.length, at + w.length() + 12)));
        }
        break;
      }
    }
    for (String w : WECHAT_WORDS) {
      int at = idAfter(s, w, false);
      if (at >= 0) {
        mask |= Signal.WECHAT_ID.bit();
        if (out != null) {
          out.add(new SignalHit(Signal.WECHAT_ID, at, Math.min(s.length, at + w.length() + 16)));
        }
        break;
      }
    }
    return mask;
  }

  private static int idAfter(char[] s, String word, boolean digitsOnly) {
    int n = s.length;
    char first = word.charAt(0);
    outer:
    for (int i = 0; i + word.length() <= n; i++) {
      if (s[i] != first) {
        continue;
      }
      for (int k = 1; k < word.length(); k++) {
        if (s[i + k] != word.charAt(k)) {
          continue outer;
        }
      }
      if (isAsciiWordChar(word.charAt(0)) && i > 0 && isAsciiAlnum(s[i - 1])) {
        continue; // "vx" inside an English word is no cue
      }
      int j = i + word.length();
      int skipped = 0;
      while (j < n && skipped < 4 && isSeparator(s[j])) {
        j++;
        skipped++;
      }
      int len = 0;
      boolean letter = false;
      while (j + len < n
          && (digitsOnly ? s[j + len] == TextNormalizer.DIGIT : isIdChar(s[j + len]))) {
        letter |= s[j + len] >= 'a' && s[j + len] <= 'z';
        len++;
      }
      if (len >= 5 && len <= 20 && (digitsOnly || letter || len >= 6)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSeparator(char c) {
    return c == ':' || c == '：' || c == ' ' || c == '号' || c == '群' || c == '是' || c == '为'
        || c == '加' || c == '-' || c == '：' || c == '；';
  }

  private static boolean isAsciiWordChar(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || c == TextNormalizer.DIGIT || c == '_' || c == '-';
  }
}
