package org.fanzha.server.runner;

import org.fanzha.engine.Warning;

/**
 * Receives every early warning the runner sees, on the runner's own thread (the engine's, or the
 * thread reading the job's warnings topic): it must hand the warning on and return at once. A
 * warning may arrive twice (a restart's replay, a topic read again from its tail); the id tells.
 */
@FunctionalInterface
public interface WarningListener {
  void raised(Warning warning);
}
