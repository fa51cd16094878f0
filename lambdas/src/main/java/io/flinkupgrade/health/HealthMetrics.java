package io.flinkupgrade.health;

import io.flinkupgrade.plan.FlinkRuntime;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MSF metric names the analysis reads for the runtime being watched. Flink 2.x removed
 * {@code fullRestarts} (use {@code numRestarts}) and deprecated {@code uptime}/{@code downtime}
 * (replaced by {@code runningTime} and the state-specific times): on 2.x liveness prefers
 * {@code runningTime}, falls back to {@code uptime}, and is skipped rather than "no data" when
 * neither (nor {@code downtime}) is published, because the restart counter still covers crash loops.
 */
record HealthMetrics(String restarts, List<String> uptime, String downtime, boolean livenessOptional) {
    static final String FAILED_CHECKPOINTS = "numberOfFailedCheckpoints";
    static final String CHECKPOINT_DURATION = "lastCheckpointDuration";

    static HealthMetrics forRuntime(FlinkRuntime runtime) {
        return runtime.isFlink2OrLater()
                ? new HealthMetrics("numRestarts", List.of("runningTime", "uptime"), "downtime", true)
                : new HealthMetrics("fullRestarts", List.of("uptime"), "downtime", false);
    }

    /** Every metric a check reads, in query order. */
    List<String> names() {
        return Stream.of(
                        List.of(restarts), uptime, List.of(downtime, FAILED_CHECKPOINTS, CHECKPOINT_DURATION))
                .flatMap(List::stream)
                .toList();
    }

    /**
     * Minimum for uptime-like gauges (a restart inside a period shows in that very period);
     * Maximum for counters, downtime, durations and lag (the worst value of the period).
     */
    String statistic(String metricName) {
        return uptime.contains(metricName) ? "Minimum" : "Maximum";
    }
}
