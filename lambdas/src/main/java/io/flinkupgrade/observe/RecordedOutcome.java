package io.flinkupgrade.observe;

/**
 * RecordOutcome's output: what it emitted, for the execution history.
 *
 * @param outcome              the outcome counted
 * @param durationSeconds      the upgrade's duration
 * @param timeToDetectSeconds  from the update to the first UNHEALTHY verdict; null when there was none
 */
public record RecordedOutcome(String outcome, long durationSeconds, Long timeToDetectSeconds) {}
