package org.fanzha.core.codec;

/** A field of one event failed validation; stackless as rejections are routine on streams. */
final class FieldException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final String field;

  FieldException(String field, String reason) {
    super(reason);
    this.field = field;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
