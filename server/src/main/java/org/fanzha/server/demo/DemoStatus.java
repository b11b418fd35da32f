package org.fanzha.server.demo;

/** Tells how far the running demo has come; present only when the demo runs. */
public interface DemoStatus {

  /** Returns the progress now. */
  DemoProgress progress();
}
