package io.flinkupgrade.health;

import java.util.List;
import java.util.Map;

/**
 * The bake configuration ({@code health} in the execution input), with the schema's defaults.
 * Every field is documented in {@code statemachine/upgrade-request.schema.json}.
 */
public record HealthOptions(
        Integer bakeSeconds,
        Integer periodSeconds,
        Integer initialDelaySeconds,
        Integer maxFullRestarts,
        Integer restartWindowSeconds,
        Integer maxFailedCheckpoints,
        Boolean requireCheckpoint,
        Long maxDowntimeMillis,
        LagOptions lag,
        List<ExtraMetric> extraMetrics,
        List<String> alarmNames,
        String preexistingAlarmPolicy,
        Integer failureLimit,
        Integer consecutiveSuccesses,
        String noDataPolicy,
        Integer maxInconclusive,
        String readErrorPolicy,
        Integer maxReadErrors) {

    public HealthOptions {
        bakeSeconds = bakeSeconds == null ? 600 : bakeSeconds;
        periodSeconds = periodSeconds == null ? 60 : periodSeconds;
        initialDelaySeconds = initialDelaySeconds == null ? 60 : initialDelaySeconds;
        maxFullRestarts = maxFullRestarts == null ? 0 : maxFullRestarts;
        restartWindowSeconds = restartWindowSeconds == null ? 600 : restartWindowSeconds;
        maxFailedCheckpoints = maxFailedCheckpoints == null ? 0 : maxFailedCheckpoints;
        requireCheckpoint = requireCheckpoint == null || requireCheckpoint;
        maxDowntimeMillis = maxDowntimeMillis == null ? 60_000L : maxDowntimeMillis;
        extraMetrics = extraMetrics == null ? List.of() : List.copyOf(extraMetrics);
        alarmNames = alarmNames == null ? List.of() : List.copyOf(alarmNames);
        preexistingAlarmPolicy = preexistingAlarmPolicy == null ? "BLOCK" : preexistingAlarmPolicy;
        failureLimit = failureLimit == null ? 0 : failureLimit;
        consecutiveSuccesses = consecutiveSuccesses == null ? 1 : consecutiveSuccesses;
        noDataPolicy = noDataPolicy == null ? "WAIT" : noDataPolicy;
        maxInconclusive = maxInconclusive == null ? 3 : maxInconclusive;
        readErrorPolicy = readErrorPolicy == null ? "RETRY" : readErrorPolicy;
        maxReadErrors = maxReadErrors == null ? 4 : maxReadErrors;
    }

    public static HealthOptions defaults() {
        return new HealthOptions(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** Lag must return toward the pre-upgrade baseline: at most baseline * (1 + maxIncreasePercent/100) + absoluteSlack. */
    public record LagOptions(String metricName, Double maxIncreasePercent, Double absoluteSlack) {
        public LagOptions {
            maxIncreasePercent = maxIncreasePercent == null ? 50.0 : maxIncreasePercent;
            absoluteSlack = absoluteSlack == null ? 0.0 : absoluteSlack;
        }
    }

    /** A user-chosen metric and threshold; dimensions default to Application=&lt;applicationName&gt;. */
    public record ExtraMetric(
            String namespace, String metricName, Map<String, String> dimensions, String statistic, String comparison,
            Double threshold) {
        public ExtraMetric {
            namespace = namespace == null ? "AWS/KinesisAnalytics" : namespace;
            dimensions = dimensions == null ? null : Map.copyOf(dimensions);
        }
    }
}
