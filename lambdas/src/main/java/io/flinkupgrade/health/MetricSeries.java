package io.flinkupgrade.health;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** One CloudWatch metric's datapoints, oldest first, as the evaluator sees them (no SDK types). */
record MetricSeries(String metricName, List<MetricSample> samples) {

    MetricSeries {
        samples = samples.stream().sorted(Comparator.comparing(MetricSample::at)).toList();
    }

    static MetricSeries empty(String metricName) {
        return new MetricSeries(metricName, List.of());
    }

    /** Without the datapoints whose period starts in an excused interval. */
    MetricSeries excluding(List<ExcusedInterval> excused) {
        return new MetricSeries(metricName, samples.stream().filter(s -> excused.stream().noneMatch(e -> e.contains(s.at())))
                .toList());
    }

    /** The datapoints whose period starts at or after {@code from}. */
    List<MetricSample> since(Instant from) {
        return samples.stream().filter(s -> !s.at().isBefore(from)).toList();
    }

    /** One datapoint: the statistic over the period starting at {@code at}. */
    record MetricSample(Instant at, double value) {}
}
