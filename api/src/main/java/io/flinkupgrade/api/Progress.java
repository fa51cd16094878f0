package io.flinkupgrade.api;

/**
 * A running upgrade's current step (PREFLIGHT, SNAPSHOT, UPDATING, BAKE, ROLLING_BACK), since when, and
 * the bake's progress once a health check has been made (null before).
 */
public record Progress(String step, String stepStartedAt, BakeProgress bake) {}
