package org.fanzha.core.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.fanzha.core.id.InvalidIdentifierException;

/**
 * Event time: ISO-8601 with an offset ({@code 2026-11-27T09:15:02+08:00}) or epoch milliseconds.
 * The common shape {@code yyyy-MM-ddTHH:mm:ss[.fff](Z|±HH:MM)} is parsed by hand, several times
 * faster than {@link OffsetDateTime#parse}, which handles every other valid form.
 */
public final class Timestamps {

  /** Beijing time, the zone the output is written in. */
  public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private Timestamps() {}

  /** Returns epoch milliseconds of an ISO-8601 timestamp that carries an offset. */
  public static long parseIso(String raw) {
    String s = raw.trim();
    long fast = parseCommon(s);
    if (fast != Long.MIN_VALUE) {
      return fast;
    }
    OffsetDateTime parsed;
    try {
      parsed = OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      throw new InvalidIdentifierException(
          "timestamp must be ISO-8601 with an offset (2026-11-27T09:15:02+08:00) or epoch"
              + " milliseconds: "
              + s);
    }
    try {
      return parsed.toInstant().toEpochMilli();
    } catch (ArithmeticException e) {
      // Years such as +999999999 parse but do not fit in epoch milliseconds.
      throw new InvalidIdentifierException("timestamp " + s + " is beyond any representable time");
    }
  }

  /** Returns epoch milliseconds, checking the value lies between 2000 and 2100. */
  public static long checkEpochMillis(long millis) {
    if (millis < EventTimeWindow.EARLIEST || millis > EventTimeWindow.LATEST) {
      throw new InvalidIdentifierException(
          "epoch milliseconds " + millis + " is outside 2000–2100 (seconds given instead?)");
    }
    return millis;
  }

  /** Returns the ISO-8601 form in Beijing time, e.g. {@code 2026-11-27T09:15:02+08:00}. */
  public static String format(long epochMillis) {
    // Hand-made: DateTimeFormatter allocated several objects per call and dominated writing large
    // files.
    long local = epochMillis + 8 * 3_600_000L;
    long days = Math.floorDiv(local, 86_400_000L);
    int msOfDay = (int) (local - days * 86_400_000L);
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 1000 || year > 9999) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), CHINA));
    }
    char[] c = new char[29];
    int n = 0;
    n = put(c, n, (int) year, 4);
    c[n++] = '-';
    n = put(c, n, month, 2);
    c[n++] = '-';
    n = put(c, n, day, 2);
    c[n++] = 'T';
    n = put(c, n, msOfDay / 3_600_000, 2);
    c[n++] = ':';
    n = put(c, n, msOfDay / 60_000 % 60, 2);
    c[n++] = ':';
    n = put(c, n, msOfDay / 1000 % 60, 2);
    int millis = msOfDay % 1000;
    if (millis != 0) {
      c[n++] = '.';
      n = put(c, n, millis, 3);
    }
    "+08:00".getChars(0, 6, c, n);
    return new String(c, 0, n + 6);
  }

  private static int put(char[] c, int at, int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      c[at + i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  private static long parseCommon(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysIn(year, month)
        || hour > 23
        || minute > 59
        || second > 59) {
      return Long.MIN_VALUE;
    }
    int i = 19;
    int millis = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        if (i - start < 3) {
          millis = millis * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      int len = i - start;
      if (len == 0) {
        return Long.MIN_VALUE;
      }
      for (int k = len; k < 3; k++) {
        millis *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, i + 3);
      int om = digits(s, i + 4, i + 6);
      if (oh < 0 || om < 0 || oh > 18 || om > 59) {
        return Long.MIN_VALUE;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
    } else {
      return Long.MIN_VALUE;
    }
    long days = epochDay(year, month, day);
    long secs = days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return secs * 1000 + millis;
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysIn(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 (the civil-from-days algorithm of H. Hinnant, inverted). */
  private static long epochDay(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
