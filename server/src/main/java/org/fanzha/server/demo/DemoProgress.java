package org.fanzha.server.demo;

/**
 * How far the demo has come: events sent, the simulated clock (epoch ms), whether the city is done,
 * the speed.
 */
public record DemoProgress(long streamed, long simulatedNow, boolean finished, double speed) {}
