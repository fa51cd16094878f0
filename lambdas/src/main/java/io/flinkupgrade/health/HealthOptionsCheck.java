package io.flinkupgrade.health;

import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.health.HealthOptions.ExtraMetric;

/**
 * Preflight's rules about the {@code health} options, pure: a bake that could never be judged is
 * rejected before anything changes, naming the field and what would do. Each rule throws
 * {@link UpgradeRejectedException}; the first broken one decides.
 */
public final class HealthOptionsCheck {
    private HealthOptionsCheck() {}

    /**
     * The bake can collect the evidence HEALTHY needs ({@link HealthOptions#minimumBakeSeconds}):
     * a bake of 0, one shorter than the initial delay, or one period long is never long enough.
     */
    public static void bakeCanCollectEvidence(HealthOptions options, long checkpointIntervalMillis) {
        long minimum = options.minimumBakeSeconds(checkpointIntervalMillis);
        if (options.bakeSeconds() >= minimum) {
            return;
        }
        int checks = options.checksNeeded(checkpointIntervalMillis);
        long window = options.evidenceWindowSeconds(checkpointIntervalMillis);
        String windowNote = checks > options.minChecksWithData()
                ? " (covering the " + window + " s window the checkpoint and restart rules need)"
                : "";
        throw new UpgradeRejectedException("health.bakeSeconds", options.bakeSeconds() + " is too short for " + checks
                + " checks with data every " + options.periodSeconds() + " s" + windowNote + " after a "
                + options.initialDelaySeconds() + " s initial delay; at least " + minimum
                + " (initialDelaySeconds + checks x periodSeconds; health.minChecksWithData sets the checks)");
    }

    /** Every watched alarm exists and every extra metric has datapoints: a typo would blind the bake. */
    public static void everyWatchedSignalExists(HealthOptions options, HealthBaseline baseline) {
        for (int i = 0; i < options.alarmNames().size(); i++) {
            String name = options.alarmNames().get(i);
            if (baseline.missingAlarms().contains(name)) {
                throw new UpgradeRejectedException("health.alarmNames[" + i + "]",
                        "no CloudWatch alarm named " + name + " in this account and Region (check the spelling)");
            }
        }
        for (int i : baseline.extraMetricsWithoutData()) {
            ExtraMetric metric = options.extraMetrics().get(i);
            throw new UpgradeRejectedException("health.extraMetrics[" + i + "]", "no datapoints of " + metric.namespace()
                    + " " + metric.metricName() + " (" + metric.statistic() + ", dimensions "
                    + (metric.dimensions() == null ? "Application=<applicationName>" : metric.dimensions())
                    + ") in the " + BaselineReader.WINDOW.toMinutes() + " minutes before the upgrade: check the metric name,"
                    + " namespace and dimensions; a metric without data could never be judged");
        }
    }
}
