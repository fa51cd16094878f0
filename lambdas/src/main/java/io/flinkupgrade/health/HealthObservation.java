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

    /** Without the datapoints of autoscaling intervals: a restarting job's numbers are not its health. */
    HealthObservation excluding(List<ExcusedInterval> excused) {
        if (excused.isEmpty()) {
            return this;
        }
        Map<String, MetricSeries> kept = new java.util.HashMap<>();
        metrics.forEach((name, series) -> kept.put(name, series.excluding(excused)));
        return new HealthObservation(kept, extras.stream().map(s -> s.excluding(excused)).toList(), alarms, readError);
    }

    MetricSeries series(String metricName) {
        return metrics.getOrDefault(metricName, MetricSeries.empty(metricName));
    }
}
