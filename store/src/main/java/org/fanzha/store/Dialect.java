package org.fanzha.store;

import java.util.Locale;

/** The SQL databases the store runs on; the few differences between them are kept here. */
public enum Dialect {
  H2("BLOB", "VARBINARY(65536)"),
  POSTGRESQL("BYTEA", "BYTEA");

  private final String binaryType;
  private final String bytesType;

  Dialect(String binaryType, String bytesType) {
    this.binaryType = binaryType;
    this.bytesType = bytesType;
  }

  /** Returns the column type for large binary values (snapshots). */
  String binaryType() {
    return binaryType;
  }

  /**
   * Returns the column type for binary values of at most 64 KB, kept in the row (H2 stores a BLOB
   * apart from it).
   */
  String bytesType() {
    return bytesType;
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
