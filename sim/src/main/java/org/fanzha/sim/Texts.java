package org.fanzha.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.fanzha.core.event.FraudType;
import org.jspecify.annotations.Nullable;

/**
 * Message and report texts, written for this simulator: templates with {@code {slot}}s filled from
 * a random stream, several per fraud type, plus ordinary personal, courier, bank and marketing
 * messages.
 */
final class Texts {

  private static final Map<FraudType, String[]> FRAUD = new EnumMap<>(FraudType.class);
  private static final Map<FraudType, String[]> REPORTS = new EnumMap<>(FraudType.class);

  static {
    FRAUD.put(
        FraudType.BRUSHING,
        new String[] {
          "【{platform}】诚招线上兼职，手机点赞关注即可，日结{n}0-{n}00元，不收任何费用，加QQ{qq}咨询。",
          "您好，我是{platform}招聘专员，在家动动手指做任务，一单一结，佣金{pct}%，详询 {url}",
          "宝妈学生党福利：短视频点赞一个3元，一天轻松赚{amt}元，点击{url}领取第一单。",
          "恭喜您获得{platform}内部任务名额，完成3单即返现{amt}元，下载APP：{url} 邀请码{code}",
        });
    FRAUD.put(
        FraudType.INVESTMENT,
        new String[] {
          "【{company}】内部消息：明日涨停牛股已锁定，加入VIP群免费领取，{url}",
          "老师带单，稳赚不赔，数字货币量化交易月收益{pct}%，名额有限速进：{url}",
          "尊敬的投资者，您已获得{company}原始股认购资格，预计收益{amt}元，请登录{url}确认。",
          "{company}养老项目火热认购中，年化收益{pct}%，保本保息，咨询热线{phone}",
        });
    FRAUD.put(
        FraudType.LOAN,
        new String[] {
          "【{platform}】您有一笔{amt}元备用金待领取，无抵押不查征信，秒到账，点击{url}申请。",
          "急用钱？凭身份证即可借款{amt}元，年化低至3.6%，当天放款，回复1了解详情。",
          "您的借款申请已审核通过，因银行卡号填写错误资金已冻结，需缴纳解冻保证金，请联系客服{phone}。",
        });
    FRAUD.put(
        FraudType.CUSTOMER_SERVICE,
        new String[] {
          "【{platform}】您好，您购买的商品因质量问题被召回，我方将为您办理{amt}元理赔，请点击{url}登记。",
          "亲，您的快递在运输途中丢失，我们将双倍赔偿{amt}元，请添加理赔专员QQ{qq}处理。",
          "【{platform}】您已开通直播会员服务，每月自动扣费{amt}元，如非本人操作请致电{phone}取消。",
          "您在{platform}的百万保障服务即将到期，不关闭将每月扣费{amt}元，关闭请联系{phone}",
        });
    FRAUD.put(
        FraudType.POLICE,
        new String[] {
          "【{city}公安局】您的身份证涉嫌一宗洗钱案件，请立即拨打{phone}配合调查，否则将冻结名下全部账户。",
          "您涉嫌非法出售个人信息，案件编号{code}，请于今日内联系{city}检察院办案人员，逾期将发布通缉令。",
          "通知：您有一张法院传票未签收，案号（2026）豫{n}刑初{code}号，详情查询{url}",
        });
    FRAUD.put(
        FraudType.CREDIT,
        new String[] {
          "【征信服务】您的个人征信存在逾期记录，将影响房贷车贷审批，点击{url}申请修复。",
          "您大学期间开通的校园贷账户未注销，将严重影响个人征信，请立即联系客服{phone}办理注销。",
          "您的信用分已降至{n}00分以下，名下账户将被限制，请于24小时内登录{url}处理。",
        });
    FRAUD.put(
        FraudType.SHOPPING,
        new String[] {
          "清仓特价：{product}原价{amt}元现仅需{n}99元，仅限今日，私聊下单先付款后发货：{url}",
          "低价代购演唱会门票，内场前排{amt}元一张，加QQ{qq}，付定金锁票。",
          "工厂直销{product}，一件代发，月入过万，首批进货只需{amt}元，详情{url}",
        });
    FRAUD.put(
        FraudType.BOSS_ACQUAINTANCE,
        new String[] {
          "我是{surname}总，这是我新换的号，明天上午到我办公室来一趟。",
          "小{surname}，我在开会不方便接电话，有笔款急需转给合作方，你先帮我垫付{amt}元，回头报销。",
          "妈，我手机进水了，这是我同学的号，急需交{amt}元培训费，先转到老师账户上，别打电话我在上课。",
        });
    FRAUD.put(
        FraudType.GAME_TRADE,
        new String[] {
          "高价回收游戏账号、装备、皮肤，安全可靠秒到账，登录{url}免费估价。",
          "{game}绝版皮肤低价出售，仅需{amt}元，通过{url}平台担保交易，不满意可退。",
          "恭喜您在{game}周年庆中抽中限定礼包，领取前需验证账户，请访问{url}",
        });
    FRAUD.put(
        FraudType.ROMANCE,
        new String[] {
          "你好呀，我是在婚恋网站看到你资料的{gname}，感觉我们很有缘，加个QQ{qq}聊聊吧。",
          "亲爱的，我舅舅在博彩公司做技术，发现了平台漏洞，稳赚不赔，你也来试试：{url}",
          "宝贝，我在海外的包裹被海关扣了，需要交{amt}元清关费，先帮我垫一下好吗？",
        });
    FRAUD.put(
        FraudType.OTHER,
        new String[] {
          "【ETC服务】您的ETC卡已失效，请尽快登录{url}重新认证，以免影响正常通行。",
          "【医保服务】您的医保卡余额即将清零，请点击{url}办理转移。",
          "您的话费积分{n}000分即将过期，可兑换现金{amt}元，请登录{url}兑换。",
        });

    REPORTS.put(
        FraudType.BRUSHING,
        new String[] {
          "对方让我在APP上做刷单任务，前几单返了佣金，后面说任务卡单要连续充值，共转账{amt}元后无法提现。",
        });
    REPORTS.put(
        FraudType.INVESTMENT,
        new String[] {
          "被拉进股票群，所谓老师推荐在平台投资，充值{amt}元后账户无法提现，客服失联。",
        });
    REPORTS.put(
        FraudType.LOAN,
        new String[] {
          "网上申请贷款，对方称卡号错误要交解冻费和保证金，先后转账{amt}元，贷款没有到账。",
        });
    REPORTS.put(
        FraudType.CUSTOMER_SERVICE,
        new String[] {
          "自称电商客服来电说要理赔退款，让我下载会议软件共享屏幕，按指示操作后被转走{amt}元。",
        });
    REPORTS.put(
        FraudType.POLICE,
        new String[] {
          "自称公安局民警来电说我涉嫌洗钱，要求把钱转到安全账户核查，共转账{amt}元。",
        });
    REPORTS.put(
        FraudType.CREDIT,
        new String[] {
          "对方称我征信有问题需要注销校园贷账户，让我从各平台借款后转到指定账户，损失{amt}元。",
        });
    REPORTS.put(
        FraudType.SHOPPING,
        new String[] {
          "网上低价购物，付款{amt}元后对方不发货并把我拉黑。",
        });
    REPORTS.put(
        FraudType.BOSS_ACQUAINTANCE,
        new String[] {
          "有人冒充我们领导加我，让我给合作方转账，转了{amt}元后发现是骗子。",
        });
    REPORTS.put(
        FraudType.GAME_TRADE,
        new String[] {
          "在非官方平台买卖游戏账号，对方以解冻、保证金为由让我多次转账共{amt}元。",
        });
    REPORTS.put(
        FraudType.ROMANCE,
        new String[] {
          "网上认识的交友对象诱导我在博彩网站充值，累计转账{amt}元后联系不上。",
        });
    REPORTS.put(
        FraudType.OTHER,
        new String[] {
          "收到短信点击链接填写了银行卡信息，随后被转走{amt}元。",
        });
  }

  private static final String[] PERSONAL = {
    "晚上回家吃饭吗？",
    "到了给我说一声",
    "妈，周末我回去看你们",
    "明天几点开会？",
    "好的，收到",
    "我到楼下了，你下来吧",
    "下班帮我带瓶酱油",
    "孩子今天有点发烧，我请个假",
    "会议改到下午{hh}点了",
    "生日快乐！",
    "今天加班，晚点回",
    "车停在{place}了",
    "那个文件我发你邮箱了",
    "周末一起吃饭？",
    "钱收到了，谢谢",
    "我在路上，{n}分钟到",
    "记得吃药",
    "作业写完了没有",
    "房租我转给你了",
    "{place}见",
    "爸的体检报告出来了，没什么问题",
    "天冷了多穿点",
  };

  /** What a handler writes while courting a victim for days: friendly, never a lure on its own. */
  private static final String[] COURTING = {
    "早上好呀，今天{place}天气怎么样？", "刚忙完，吃饭了吗？", "今天开盘不错，老师的判断又准了", "晚安，早点休息",
    "周末有什么安排？", "看到这个想起你了", "我这边刚开完会，有点累", "你说的那家店我也去过，味道很好",
    "今天收益还可以，改天跟你细说", "注意身体，别太辛苦", "我相信你的眼光", "下次回国一起吃个饭吧",
  };

  /** What a person being courted answers. */
  private static final String[] COURTED = {
    "早，刚起来",
    "吃过了，你呢？",
    "真的吗？那挺厉害的",
    "晚安",
    "还没想好，可能在家休息",
    "哈哈，谢谢",
    "今天单位事情多",
    "好呀",
    "我再考虑考虑",
    "你也是，早点睡",
  };

  private static final String[] COURIER = {
    "【{express}】您的快递已到{place}驿站，取件码{code}，请凭码及时领取。",
    "【{express}】快递员{gname}正在为您派送包裹，电话{phone}，请保持电话畅通。",
    "【{express}】您的包裹已放在{place}快递柜，取件码{code}。",
  };

  private static final String[] MARKETING = {
    "【{brand}】年终大促，全场满300减50，戳 {shoplink} 退订回T",
    "【{brand}】尊敬的会员，您有{n}00积分即将过期，兑换请到{shoplink} 回T退订",
    "【{brand}】新店开业，凭短信到店享8折优惠，地址{place}。拒收请回复R",
    "【{brand}】您的话费套餐可免费升级为5G套餐，回复Y办理，回复TD退订。",
    "【{brand}】{product}限时秒杀，今晚8点开抢，详情请查看APP。退订回T",
  };

  private static final String[] PLATFORMS = {
    "淘宝", "京东", "拼多多", "抖音", "快手", "美团", "唯品会", "闲鱼", "支付宝", "微信"
  };
  private static final String[] COMPANIES = {"中鑫财富", "华盈资本", "国泰瑞丰", "恒信投资", "金诚证券研究院", "汇通基金"};
  private static final String[] CITIES = {"上海市", "北京市", "广州市", "哈尔滨市", "平顶山市", "武汉市"};
  private static final String[] PRODUCTS = {"羽绒服", "iPhone手机", "茅台酒", "空气炸锅", "扫地机器人", "黄金手镯"};
  private static final String[] GAMES = {"王者荣耀", "和平精英", "原神", "梦幻西游", "英雄联盟"};
  private static final String[] EXPRESS = {"中通快递", "圆通速递", "韵达快递", "申通快递", "顺丰速运", "极兔速递", "邮政EMS"};
  private static final String[] PLACES = {
    "建设路", "中兴路", "新华路", "湛河公园", "万达广场", "鹰城广场", "光明路小区", "体育路北门", "开源路菜鸟",
  };
  private static final String[] BRANDS = {"鹰城百货", "丹尼斯", "胖东来", "中国移动", "中国联通", "瑞幸咖啡", "名创优品"};
  private static final String[] DOMAIN_PARTS = {
    "kf", "vip", "pay", "app", "jd", "tb", "gov", "jz", "job", "tz", "licai", "dk", "cx", "zx",
    "hb", "fl",
  };
  private static final String[] AREA_CODES = {
    "010", "021", "020", "0755", "0371", "0375", "027", "0871"
  };
  private static final String[] TLDS = {".top", ".xyz", ".cc", ".vip", ".icu", ".cn.com", ".shop"};

  static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "于", "董", "萧",
  };
  private static final String[] GIVEN = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
    "平", "刚", "桂英", "建华", "志强", "晓东", "海燕", "子涵", "浩然", "雨欣", "梓轩", "思远", "佳怡",
  };

  static final String[] SHOP_KINDS = {
    "超市", "便利店", "餐馆", "药房", "水果店", "加油站", "面馆", "服装店", "五金店", "蛋糕店"
  };

  private Texts() {}

  /** Returns a fraud message of the given type. */
  static String fraudSms(FraudType type, SplittableRandom r) {
    return fill(Rand.oneOf(r, Objects.requireNonNull(FRAUD.get(type))), r, null);
  }

  /** Returns a fraud message of the given type whose link, if it has one, is {@code url}. */
  static String fraudSms(FraudType type, SplittableRandom r, String url) {
    return fill(Rand.oneOf(r, Objects.requireNonNull(FRAUD.get(type))), r, url);
  }

  /** Returns the number of fraud templates of a type (for tests). */
  static int fraudTemplates(FraudType type) {
    return Objects.requireNonNull(FRAUD.get(type)).length;
  }

  static String report(FraudType type, long lossFen, SplittableRandom r) {
    String t = Rand.oneOf(r, Objects.requireNonNull(REPORTS.get(type)));
    return t.replace("{amt}", Long.toString(lossFen / 100));
  }

  static String personal(SplittableRandom r) {
    return fill(Rand.oneOf(r, PERSONAL), r);
  }

  static String courting(SplittableRandom r) {
    return fill(Rand.oneOf(r, COURTING), r);
  }

  static String courted(SplittableRandom r) {
    return Rand.oneOf(r, COURTED);
  }

  static String courier(SplittableRandom r) {
    return fill(Rand.oneOf(r, COURIER), r);
  }

  static String marketing(SplittableRandom r) {
    return fill(Rand.oneOf(r, MARKETING), r);
  }

  /**
   * Returns a shop's link as marketing messages carry it (an ordinary shop domain, not a throw-away
   * one).
   */
  static String shopLink(SplittableRandom r) {
    return "https://m." + Rand.oneOf(r, DOMAIN_PARTS) + "shop.com/" + r.nextInt(10_000, 99_999);
  }

  /** Returns a marketing message carrying {@code link}. */
  static String marketingWithLink(SplittableRandom r, String link) {
    String template = MARKETING[r.nextInt(2)]; // the two templates that carry a shop link
    return fill(template.replace("{shoplink}", "{url}"), r, link);
  }

  /** Returns a bank's balance notice for money leaving a card ({@code what}: 消费, 转账, 取款). */
  static String bankNotice(
      int bank, String card, long ts, long amountFen, String what, SplittableRandom r) {
    java.time.LocalDateTime t =
        java.time.LocalDateTime.ofEpochSecond(ts / 1000, 0, java.time.ZoneOffset.ofHours(8));
    long balance = 100 * (200 + r.nextInt(80_000));
    return "【"
        + Synth.BANKS[bank]
        + "】您尾号"
        + card.substring(card.length() - 4)
        + "的卡于"
        + t.getMonthValue()
        + "月"
        + t.getDayOfMonth()
        + "日"
        + two(t.getHour())
        + ":"
        + two(t.getMinute())
        + "支出("
        + what
        + ")"
        + org.fanzha.core.money.Money.formatYuan(amountFen)
        + "元，余额"
        + org.fanzha.core.money.Money.formatYuan(balance)
        + "元。";
  }

  /** Returns a Chinese personal name. */
  static String name(SplittableRandom r) {
    return Rand.oneOf(r, SURNAMES) + Rand.oneOf(r, GIVEN);
  }

  /** Returns a Chinese personal name fixed by a hash (a person's own name). */
  static String name(long hash) {
    return SURNAMES[(int) Math.floorMod(hash, (long) SURNAMES.length)]
        + GIVEN[(int) Math.floorMod(hash >>> 20, (long) GIVEN.length)];
  }

  /** Returns a phishing URL on a throw-away domain. */
  static String url(SplittableRandom r) {
    StringBuilder sb = new StringBuilder(40).append(r.nextBoolean() ? "http://" : "https://");
    sb.append(Rand.oneOf(r, DOMAIN_PARTS))
        .append(Rand.oneOf(r, DOMAIN_PARTS))
        .append(r.nextInt(10, 999));
    sb.append(Rand.oneOf(r, TLDS)).append('/');
    for (int i = 0; i < 6; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  /** Fills every {@code {slot}} of a template with a fresh value. */
  static String fill(String template, SplittableRandom r) {
    return fill(template, r, null);
  }

  private static String fill(String template, SplittableRandom r, @Nullable String url) {
    int open = template.indexOf('{');
    if (open < 0) {
      return template;
    }
    StringBuilder sb = new StringBuilder(template.length() + 32);
    int from = 0;
    while (open >= 0) {
      int close = template.indexOf('}', open);
      sb.append(template, from, open);
      String slot = template.substring(open + 1, close);
      if (url != null && slot.equals("url")) {
        sb.append(url);
      } else {
        slot(slot, r, sb);
      }
      from = close + 1;
      open = template.indexOf('{', from);
    }
    return sb.append(template, from, template.length()).toString();
  }

  private static void slot(String name, SplittableRandom r, StringBuilder sb) {
    switch (name) {
      case "platform" -> sb.append(Rand.oneOf(r, PLATFORMS));
      case "company" -> sb.append(Rand.oneOf(r, COMPANIES));
      case "city" -> sb.append(Rand.oneOf(r, CITIES));
      case "product" -> sb.append(Rand.oneOf(r, PRODUCTS));
      case "game" -> sb.append(Rand.oneOf(r, GAMES));
      case "express" -> sb.append(Rand.oneOf(r, EXPRESS));
      case "place" -> sb.append(Rand.oneOf(r, PLACES));
      case "brand" -> sb.append(Rand.oneOf(r, BRANDS));
      case "surname" -> sb.append(Rand.oneOf(r, SURNAMES));
      case "gname" -> sb.append(name(r));
      case "n" -> sb.append(1 + r.nextInt(9));
      case "hh" -> sb.append(1 + r.nextInt(6));
      case "pct" -> sb.append(5 + r.nextInt(46));
      case "amt" -> sb.append(100 * (1 + r.nextInt(300)));
      case "qq" -> sb.append(100_000_000L + r.nextLong(3_900_000_000L));
      case "code" -> sb.append(100_000 + r.nextInt(900_000));
      case "phone" ->
          sb.append(
              r.nextBoolean()
                  ? "400" + (1_000_000 + r.nextInt(9_000_000))
                  : Rand.oneOf(r, AREA_CODES) + "-" + (60_000_000 + r.nextInt(30_000_000)));
      case "url" -> sb.append(url(r));
      case "shoplink" ->
          sb.append("https://m.")
              .append(Rand.oneOf(r, DOMAIN_PARTS))
              .append("shop.com/")
              .append(r.nextInt(10_000, 99_999));
      default -> throw new IllegalStateException("unknown slot {" + name + "}");
    }
  }
}
