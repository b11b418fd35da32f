package org.fanzha.sim;

import org.fanzha.core.id.Identifiers;

/**
 * Makes valid, unique identifiers from integer indexes: mobile numbers, resident IDs with the GB
 * 11643 check character, Luhn-valid bank cards and IMEIs, payment accounts, device ids, IPs and
 * cell ids.
 */
final class Synth {
  /*
   * Uniqueness without bookkeeping: each identifier is a keyed Permutation of its index over the
   * identifier's whole space (e.g. 36 prefixes x 10^8 numbers). Disjoint index ranges (people, the
   * fraud side, merchants, strangers) therefore never collide, nothing has to be stored or checked,
   * and neighbouring indexes get unrelated numbers. Keys come from the seed, so different seeds
   * populate different numbers.
   */

  /** Index bases that keep the populations' identifier spaces apart. */
  static final long HOLDER_BASE = 10_000_000L;

  static final long FRAUD_BASE = 20_000_000L;
  static final long MERCHANT_BASE = 30_000_000L;
  static final long STRANGER_BASE = 40_000_000L;

  private static final String[] MOBILE_PREFIXES = {
    "134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "182",
    "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180",
    "181", "189", "177", "173", "199", "166", "170", "171", "198", "191"
  };

  /** Six-digit BINs of large mainland debit cards, with the bank's short name and service line. */
  static final String[] BINS = {
    "622202", "621700", "622848", "621661", "622588", "622262", "621799", "622909"
  };

  static final String[] BANKS = {"工商银行", "建设银行", "农业银行", "中国银行", "招商银行", "交通银行", "邮储银行", "兴业银行"};
  static final String[] SERVICE_LINES = {
    "95588", "95533", "95599", "95566", "95555", "95559", "95580", "95561"
  };

  private static final String[] TACS = {
    "86891504", "86769804", "86018305", "35420911", "86425006", "86645403", "35875610", "86112207"
  };
  private static final String[] CARRIER_NETS = {
    "117.136.", "112.96.", "223.104.", "39.144.", "120.229.", "183.206."
  };

  private static final long E8 = 100_000_000L;
  private static final long E12 = 1_000_000_000_000L;

  private static final long ID_DAYS = 18_257L; // 1955-01-01 + 0..49 years

  private final Permutation phones;
  private final Permutation cards;
  private final Permutation alipays;
  private final Permutation wechats;
  private final Permutation shops;
  private final Permutation residents;
  private final long salt;

  Synth(long seed) {
    this.salt = Rand.hash(seed, 0x5EED);
    this.phones = new Permutation(MOBILE_PREFIXES.length * E8, Rand.hash(seed, 1));
    this.cards = new Permutation(E12, Rand.hash(seed, 2));
    this.alipays = new Permutation(E12, Rand.hash(seed, 3));
    this.wechats = new Permutation(E12, Rand.hash(seed, 4));
    this.shops = new Permutation(E12, Rand.hash(seed, 5));
    this.residents = new Permutation(ID_DAYS * 1000, Rand.hash(seed, 6));
  }

  /** Returns the canonical mobile number {@code +861xxxxxxxxxx} of index {@code k}. */
  String phone(long k) {
    long x = phones.apply(k);
    long body = x % E8;
    StringBuilder sb = new StringBuilder(14).append("+86").append(MOBILE_PREFIXES[(int) (x / E8)]);
    return pad(sb, body, 8).toString();
  }

  /**
   * Returns the resident ID of index {@code k} registered in {@code region}: the birth date and
   * sequence number are a bijection of k (unique below 18,257,000), the check char per GB 11643.
   */
  String residentId(long k, String region) {
    long x = residents.apply(k);
    long seq = x / ID_DAYS;
    long dayIndex = x % ID_DAYS;
    java.time.LocalDate birth = java.time.LocalDate.of(1955, 1, 1).plusDays(dayIndex);
    StringBuilder sb = new StringBuilder(18).append(region);
    pad(sb, birth.getYear(), 4);
    pad(sb, birth.getMonthValue(), 2);
    pad(sb, birth.getDayOfMonth(), 2);
    pad(sb, seq, 3);
    return sb.append(Identifiers.residentIdCheckChar(sb)).toString();
  }

  /** Returns the birth year encoded in a resident ID. */
  static int birthYear(String residentId) {
    return Integer.parseInt(residentId, 6, 10, 10);
  }

  /** Returns the bank (index into {@link #BINS}) of card index {@code k}. */
  static int bankOf(long k) {
    return (int) (k % BINS.length);
  }

  /** Returns a 19-digit Luhn-valid debit card number for index {@code k}. */
  String card(long k) {
    long middle = cards.apply(k / BINS.length);
    StringBuilder sb = new StringBuilder(19).append(BINS[bankOf(k)]);
    pad(sb, middle, 12);
    return sb.append(Identifiers.luhnCheckDigit(sb)).toString();
  }

  /** Returns an Alipay account {@code alipay:2088…} (16 digits) for index {@code k}. */
  String alipay(long k) {
    long v = alipays.apply(k);
    return pad(new StringBuilder(23).append("alipay:2088"), v, 12).toString();
  }

  /** Returns a WeChat Pay account {@code wechat:wxid_…} for index {@code k}. */
  String wechat(long k) {
    long v = wechats.apply(k);
    String b36 = Long.toString(v + E12, 36); // fixed width: E12 + v has 8 base-36 digits
    return "wechat:wxid_" + b36;
  }

  /** Returns a merchant's collection account on a payment platform. */
  String merchantWallet(long m) {
    long v = shops.apply(m);
    return (m % 2 == 0 ? "wechat:mch_" : "alipay:mch_") + Long.toString(v + E12, 36);
  }

  /** Returns a Luhn-valid 15-digit IMEI for index {@code k} (unique below 8 million). */
  String imei(long k) {
    int t = (int) (k % TACS.length);
    long serial = Math.floorMod((k / TACS.length) * 9_973L + 17, 1_000_000L);
    StringBuilder sb = new StringBuilder(15).append(TACS[t]);
    pad(sb, serial, 6);
    return sb.append(Identifiers.luhnCheckDigit(sb)).toString();
  }

  /** Returns an opaque handset/device id (as a bank's device fingerprint would be). */
  String device(long k) {
    return "dev-" + hex(Rand.hash(salt, 0xDE, k), 12);
  }

  /** Returns a carrier-NAT public IP for index {@code k}. */
  String mobileIp(long k) {
    long h = Rand.hash(salt, 0x1B, k);
    return CARRIER_NETS[(int) Math.floorMod(h, (long) CARRIER_NETS.length)]
        + ((h >>> 8) & 0xFF)
        + "."
        + (1 + ((h >>> 16) & 0xFF) % 254);
  }

  /** Returns a fixed broadband IP (shops, agents, call centres). */
  String fixedIp(long k) {
    long h = Rand.hash(salt, 0x2B, k);
    return "61."
        + (128 + ((h >>> 4) & 0x3F))
        + "."
        + ((h >>> 12) & 0xFF)
        + "."
        + (1 + ((h >>> 20) & 0xFF) % 254);
  }

  /** Returns a cell id {@code 460-00-LAC-CI} inside the region with index {@code regionIndex}. */
  static String cell(int regionIndex, long n) {
    int lac = 0x4100 + regionIndex * 16 + (int) (n % 16);
    return "460-00-"
        + Integer.toHexString(lac).toUpperCase(java.util.Locale.ROOT)
        + "-"
        + (10_000 + n % 90_000);
  }

  /** Returns the operator code reporting a number's records ({@code trunk} for service lines). */
  static String carrier(String phone) {
    if (phone.length() != 14 || !phone.startsWith("+861")) {
      return "trunk";
    }
    int p = (phone.charAt(4) - '0') * 10 + (phone.charAt(5) - '0');
    if (p == 70 || p == 71) {
      return "mvno";
    }
    if (p >= 34 && p <= 39
        || p >= 50 && p <= 52
        || p >= 57 && p <= 59
        || p == 82
        || p == 83
        || p == 87
        || p == 88
        || p == 98) {
      return "cmcc";
    }
    if (p >= 30 && p <= 32 || p == 55 || p == 56 || p == 85 || p == 86 || p == 66) {
      return "cucc";
    }
    return "ctcc";
  }

  /** Returns the institution code of the bank or platform holding an account. */
  static String institution(String account) {
    if (account.startsWith("alipay:")) {
      return "alipay";
    }
    if (account.startsWith("wechat:")) {
      return "wechatpay";
    }
    for (int b = 0; b < BINS.length; b++) {
      if (account.startsWith(BINS[b])) {
        return BANK_CODES[b];
      }
    }
    return "bank";
  }

  static final String[] BANK_CODES = {"icbc", "ccb", "abc", "boc", "cmb", "bocom", "psbc", "cib"};

  /** Returns an ATM terminal id in a region. */
  static String atm(String region, long n) {
    return "ATM" + region + "-" + (100 + n % 900);
  }

  static String hex(long v, int digits) {
    String s = Long.toHexString(v);
    if (s.length() >= digits) {
      return s.substring(s.length() - digits);
    }
    return "0".repeat(digits - s.length()) + s;
  }

  static StringBuilder pad(StringBuilder sb, long v, int width) {
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
