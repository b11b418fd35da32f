package org.fanzha.text.features;

/**
 * A pattern in a text that fraud messages use, found by {@link SignalDetector}. Each is one feature
 * of the model (beside the n-grams) and, when it helps the verdict, one of its reasons.
 */
public enum Signal {
  BANK_CARD("银行卡号", "bank card number"),
  ACCOUNT_NUMBER("账号", "account number"),
  PHONE_NUMBER("手机号码", "mobile number"),
  QQ_ID("QQ号/群", "QQ id or group"),
  WECHAT_ID("微信号", "WeChat id"),
  LINK("链接", "link"),
  RISKY_LINK("可疑链接", "risky link"),
  MONEY("金额", "amount of money"),
  URGENCY("催促", "urgency"),
  SECRECY("要求保密", "secrecy"),
  SAFE_ACCOUNT("安全账户", "'safe account'"),
  SCREEN_SHARE("屏幕共享/会议软件", "screen sharing or meeting app"),
  DEPOSIT("保证金/手续费", "deposit or fee up front"),
  UNFREEZE("冻结/解冻", "frozen / unfreeze"),
  VERIFICATION_CODE("验证码", "verification code"),
  APP_DOWNLOAD("下载APP", "app download"),
  REBATE("刷单/返利", "task rebate"),
  HIGH_RETURN("高收益/稳赚", "high or sure returns"),
  CREDIT_RECORD("征信", "credit record"),
  UNSUBSCRIBE("退订", "unsubscribe line"),
  PRIVATE_DEAL("绕开平台私下交易/先付款", "deal off the platform or pay first"),
  GAME_ITEM("游戏账号/装备/点券", "game account, item or currency"),
  AFFECTION("亲密称呼/婚恋交友", "terms of affection or dating"),
  AUTHORITY("公检法/涉案", "police, court or criminal case"),
  PLATFORM_SERVICE("客服/理赔/退款", "customer service, claim or refund"),
  LOAN_OFFER("贷款/放款", "loan offer"),
  NEW_CONTACT("换号/新号/加新微信", "new number or new account"),
  TASK_JOB("兼职任务/接单", "part-time task"),
  // The last three are conjunctions of cue words in one text, which a linear model cannot form
  // from its n-grams: they carry what separates a fraud ad from an honest one.
  PAY_TO_EARN("赚钱前先付钱", "pay first to earn (job, task or rebate with a top-up, deposit or fee)"),
  PAY_TO_RELEASE("提现/放款/发货前先交钱", "pay to withdraw, get the loan or the goods released"),
  CLOSE_ONE_ASKS_MONEY("熟人/恋人要钱", "a relative, boss, friend or lover asks for money");

  private final String nameZh;
  private final String nameEn;

  Signal(String nameZh, String nameEn) {
    this.nameZh = nameZh;
    this.nameEn = nameEn;
  }

  /** Returns the Chinese name. */
  public String nameZh() {
    return nameZh;
  }

  /** Returns the English name. */
  public String nameEn() {
    return nameEn;
  }

  /** Returns this signal's bit in a mask. */
  public int bit() {
    return 1 << ordinal();
  }

  /** The number of signals (the model's extra feature count). */
  public static final int COUNT = values().length;
}
