package io.flinkupgrade.health;

import java.util.List;
import java.util.Map;

/**
 * What one check read: the runtime's metric series by name, the extra metrics in the order of
 * {@code options.extraMetrics}, and the watched alarms; or, when CloudWatch could not be read,
 * only {@code readError} (the evaluator's read-error policy decides what that means).
 */
record HealthObservation(
        Map<String, MetricSeries> metrics, List<MetricSeries> extras, List<AlarmState> alarms, String readError) {

    HealthObservation {
        metrics = Map.copyOf(metrics);
        extras = List.copyOf(extras);
        alarms = List.copyOf(alarms);
    }

    static HealthObservation read(Map<String, MetricSeries> metrics, List<MetricSeries> extras, List<AlarmState> alarms) {
        return new HealthObservation(metrics, extras, alarms, null);
    }

    static HealthObservation failed(String readError) {
        return new HealthObservation(Map.of(), List.of(), List.of(), readError);
    }

    MetricSeries series(String metricName) {
        return metrics.getOrDefault(metricName, MetricSeries.empty(metricName));
    }
}
