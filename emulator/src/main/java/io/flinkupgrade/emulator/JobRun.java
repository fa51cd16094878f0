package io.flinkupgrade.emulator;

import java.time.Instant;

/** One uninterrupted stretch in which an application version's Flink job was deployed and RUNNING. */
final class JobRun {
    private final Instant start;
    private final String runtime;
    private final long checkpointIntervalMillis;
    private final ScenarioSpec.JobRule rule;
    private Instant end;

    JobRun(Instant start, String runtime, long checkpointIntervalMillis, ScenarioSpec.JobRule rule) {
        this.start = start;
        this.runtime = runtime;
        this.checkpointIntervalMillis = checkpointIntervalMillis;
        this.rule = rule;
    }

    void end(Instant at) {
        if (end == null) {
            end = at;
        }
    }

    boolean covers(Instant t) {
        return !t.isBefore(start) && (end == null || t.isBefore(end));
    }

    Instant start() { return start; }
    String runtime() { return runtime; }
    long checkpointIntervalMillis() { return checkpointIntervalMillis; }
    ScenarioSpec.JobRule rule() { return rule; }
}
