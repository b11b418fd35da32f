package org.fanzha.engine.model;

/** A model file that cannot be used, with what is wrong in it. */
public final class ModelFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelFileException(String message) {
    super(message);
  }

  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
