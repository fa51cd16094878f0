package io.flinkupgrade.health;

import java.time.Instant;
import java.util.List;

/**
 * The application's health before anything changed, captured by Preflight and handed to every
 * CheckHealth. Numbers are null when CloudWatch had no datapoint in the capture window.
 *
 * @param capturedAt        the "now" the capture was made for
 * @param runtime           the runtime the baseline was read on, e.g. {@code FLINK-1_20}
 * @param restarts          the latest restart counter ({@code fullRestarts} on 1.x, {@code numRestarts} on 2.x)
 * @param failedCheckpoints the latest {@code numberOfFailedCheckpoints}
 * @param lag               the highest lag ({@code health.lag.metricName}) in the window; null when lag is not watched
 * @param alarmsInAlarm     watched alarms in state ALARM, in {@code health.alarmNames} order
 * @param missingAlarms     watched alarm names DescribeAlarms did not return
 * @param extraMetricsWithoutData indexes into {@code health.extraMetrics} of the metrics with no datapoint in the window
 */
public record HealthBaseline(
        Instant capturedAt,
        String runtime,
        Double restarts,
        Double failedCheckpoints,
        Double lag,
        List<String> alarmsInAlarm,
        List<String> missingAlarms,
        List<Integer> extraMetricsWithoutData) {

    public HealthBaseline {
        alarmsInAlarm = alarmsInAlarm == null ? List.of() : List.copyOf(alarmsInAlarm);
        missingAlarms = missingAlarms == null ? List.of() : List.copyOf(missingAlarms);
        extraMetricsWithoutData = extraMetricsWithoutData == null ? List.of() : List.copyOf(extraMetricsWithoutData);
    }
}
