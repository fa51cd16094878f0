package io.flinkupgrade.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.report.UpgradeReport.HealthCheck;
import io.flinkupgrade.report.UpgradeReport.MetricPlot;
import io.flinkupgrade.report.UpgradeReport.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the numbers CheckHealth judged become charts, with the limit each rule applies (from the
 * health options in Preflight's plan) and the pre-upgrade baseline Preflight captured. The keys are
 * those of {@code HealthVerdict.observed} ({@code rule.quantity}, written by {@code HealthRules}); a
 * quantity no check observed gets no chart.
 */
final class BakeMetrics {
    private static final String EXTRA_PREFIX = "extra.";

    private BakeMetrics() {}

    /**
     * @param health   the plan's {@code request.health} (defaults applied by Preflight); missing when Preflight failed
     * @param baseline the plan's {@code baseline}; missing when none was captured
     */
    static List<MetricPlot> plots(List<HealthCheck> checks, JsonNode health, JsonNode baseline) {
        List<MetricPlot> plots = new ArrayList<>();
        long maxRestarts = health.path("maxFullRestarts").asLong(0);
        add(plots, checks, "restarts.increase", "Restarts in the restart window", "restarts",
                "unhealthy above " + maxRestarts + " per " + health.path("restartWindowSeconds").asLong(600)
                        + " s (health.maxFullRestarts); a new job run counts from 0",
                (double) maxRestarts, null, counterNote("restart counter", baseline.path("restarts")));
        add(plots, checks, "uptime.latestMillis", "Uptime", "ms",
                "must keep growing: a drop is a restart, counted against health.maxFullRestarts", null, null, null);
        long maxDowntime = health.path("maxDowntimeMillis").asLong(60_000);
        add(plots, checks, "downtime.latestMillis", "Downtime", "ms",
                "unhealthy above " + maxDowntime + " ms (health.maxDowntimeMillis)", (double) maxDowntime, null, null);
        long maxFailed = health.path("maxFailedCheckpoints").asLong(0);
        add(plots, checks, "failedCheckpoints.increase", "Failed checkpoints since the bake started", "checkpoints",
                "unhealthy above " + maxFailed + " (health.maxFailedCheckpoints)", (double) maxFailed, null,
                counterNote("numberOfFailedCheckpoints", baseline.path("failedCheckpoints")));
        add(plots, checks, "checkpointProgress.lastDurationMillis", "Last checkpoint duration", "ms",
                "unhealthy at or below 0: no checkpoint completed in the checkpoint window", 0.0, null, null);
        JsonNode lag = health.path("lag");
        if (lag.isObject()) {
            Double bound = lastObserved(checks, "lag.bound");
            JsonNode lagBaseline = baseline.path("lag");
            add(plots, checks, "lag.latest", "Lag: " + lag.path("metricName").asText(), lag.path("metricName").asText(),
                    "must come back under the bound = baseline + " + lag.path("maxIncreasePercent").asText("50")
                            + "% + " + lag.path("absoluteSlack").asText("0") + " (health.lag)",
                    bound, lagBaseline.isNumber() && lagBaseline.asDouble() >= 0 ? lagBaseline.asDouble() : null, null);
        }
        for (JsonNode extra : health.path("extraMetrics")) {
            String key = EXTRA_PREFIX + extra.path("metricName").asText() + "." + extra.path("statistic").asText();
            add(plots, checks, key, extra.path("metricName").asText() + " " + extra.path("statistic").asText(),
                    extra.path("namespace").asText(),
                    "unhealthy when " + extra.path("comparison").asText() + " " + extra.path("threshold").asText()
                            + " (health.extraMetrics)",
                    extra.path("threshold").asDouble(), null, null);
        }
        add(plots, checks, "alarms.newlyInAlarm", "Watched alarms newly in ALARM", "alarms",
                "unhealthy above 0 (health.alarmNames)", 0.0, null, null);
        return plots;
    }

    private static void add(List<MetricPlot> plots, List<HealthCheck> checks, String key, String title, String unit,
            String rule, Double threshold, Double baseline, String note) {
        List<Point> points = checks.stream()
                .filter(c -> c.observed().containsKey(key))
                .map(c -> new Point(c.bake(), c.checkedAt(), c.observed().get(key)))
                .toList();
        if (!points.isEmpty()) {
            plots.add(new MetricPlot(title, unit, rule, points, threshold, baseline, note));
        }
    }

    private static Double lastObserved(List<HealthCheck> checks, String key) {
        Double last = null;
        for (HealthCheck check : checks) {
            last = check.observed().getOrDefault(key, last);
        }
        return last;
    }

    /**
     * A counter before the upgrade is the old job run's total, not a rate: it is stated, not drawn,
     * since the judged quantity is the rise since the new run began.
     */
    private static String counterNote(String counter, JsonNode value) {
        return value.isNumber()
                ? "before the upgrade the " + counter + " stood at " + Numbers.format(value.asDouble())
                        + " (the old job run's total, not comparable with the rise drawn here)"
                : "no " + counter + " datapoint before the upgrade";
    }
}
