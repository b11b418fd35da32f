package org.fanzha.store;

import java.util.Locale;

/** The SQL databases the store runs on; the few differences between them are kept here. */
public enum Dialect {
  H2("BLOB"),
  POSTGRESQL("BYTEA");

  private final String binaryType;

  Dialect(String binaryType) {
    this.binaryType = binaryType;
  }

  /** Returns the column type for large binary values (snapshots). */
  String binaryType() {
    return binaryType;
  }

  /** Returns the dialect of a JDBC URL, or throws if the store does not support that database. */
  public static Dialect of(String jdbcUrl) {
    String u = jdbcUrl.toLowerCase(Locale.ROOT);
    if (u.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (u.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported database URL (expected jdbc:h2: or jdbc:postgresql:): " + jdbcUrl);
  }
}
