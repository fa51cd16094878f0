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
        Integer maxReadErrors,
        Integer minChecksWithData,
        BlindPolicy onBlind) {

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
        minChecksWithData = minChecksWithData == null ? 3 : minChecksWithData;
        onBlind = onBlind == null ? BlindPolicy.FAIL : onBlind;
    }

    public static HealthOptions defaults() {
        return new HealthOptions(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /**
     * What the workflow does when it cannot observe the job (metric reads failing past maxReadErrors,
     * no data at all past maxInconclusive checks, or the health or status task failing for good):
     * FAIL ends the run FAILED "could not observe" for a person to decide, ROLLBACK rolls back as
     * if the job were unhealthy. The verdict is then BLIND, never UNHEALTHY: a job nobody can see is
     * not known to be broken.
     */
    public enum BlindPolicy { FAIL, ROLLBACK }

    /**
     * The seconds of observation HEALTHY needs beyond the checks themselves: the checkpoint window
     * when checkpoint progress is judged (the rule cannot pass before), and the restart window when
     * restarts are tolerated ({@code maxFullRestarts > 0}: "at most N per window" needs a whole
     * window watched; with 0, any one restart fails whenever it happens).
     */
    public long evidenceWindowSeconds(long checkpointIntervalMillis) {
        long window = 0;
        if (requireCheckpoint && checkpointIntervalMillis > 0) {
            window = checkpointWindowSeconds(checkpointIntervalMillis);
        }
        if (maxFullRestarts > 0) {
            window = Math.max(window, restartWindowSeconds);
        }
        return window;
    }

    /**
     * The checks with data HEALTHY needs: {@code minChecksWithData}, or more when the evidence
     * window takes more periods (each check with data stands for the period before it).
     */
    public int checksNeeded(long checkpointIntervalMillis) {
        long periods = (evidenceWindowSeconds(checkpointIntervalMillis) + periodSeconds - 1) / periodSeconds;
        return (int) Math.max(minChecksWithData, periods);
    }

    /**
     * The shortest bake that can collect that evidence: the initial delay, then one period per
     * check needed. Conservative by up to one period (a check exactly at the end of the delay is
     * measured), so a bake of this length always collects it when the job publishes its metrics.
     */
    public long minimumBakeSeconds(long checkpointIntervalMillis) {
        return initialDelaySeconds + (long) checksNeeded(checkpointIntervalMillis) * periodSeconds;
    }

    /** Checkpoint progress is judged over max(3 x interval, 2 periods); see HealthRules.checkpointProgress. */
    long checkpointWindowSeconds(long checkpointIntervalMillis) {
        long threeIntervals = (3 * checkpointIntervalMillis + 999) / 1000;
        return Math.max(threeIntervals, 2L * periodSeconds);
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
