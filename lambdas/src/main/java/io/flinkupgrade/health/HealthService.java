package io.flinkupgrade.health;

import io.flinkupgrade.health.CloudWatchReader.MetricQuery;
import io.flinkupgrade.health.HealthOptions.ExtraMetric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * One bake check: reads the runtime's metrics since the bake started (one GetMetricData, plus
 * DescribeAlarms when alarms are watched) and hands them to {@link HealthEvaluator}.
 *
 * <p>A failed read is never thrown, not even throttling or a 5xx: it becomes a read error that
 * {@code readErrorPolicy} judges, visible in the verdict's reasons. The bake loop is already a
 * retry (the next check comes one period later), and a CloudWatch hiccup must not end the upgrade
 * in FAILED while the application is running the new version.
 */
final class HealthService {
    private final CloudWatchReader reader;

    HealthService(CloudWatchClient cloudWatch) {
        this.reader = new CloudWatchReader(cloudWatch);
    }

    HealthVerdict evaluate(HealthCheckRequest request) {
        return HealthEvaluator.evaluate(request, observe(request));
    }

    private HealthObservation observe(HealthCheckRequest request) {
        HealthOptions options = request.options();
        HealthMetrics metrics = HealthMetrics.forRuntime(request.flinkRuntime());
        List<MetricQuery> core = new ArrayList<>();
        for (String name : metrics.names()) {
            core.add(MetricQuery.application(request.applicationName(), name, metrics.statistic(name)));
        }
        if (options.lag() != null) {
            core.add(MetricQuery.application(request.applicationName(), options.lag().metricName(), "Maximum"));
        }
        List<MetricQuery> queries = new ArrayList<>(core);
        for (ExtraMetric extra : options.extraMetrics()) {
            queries.add(MetricQuery.extra(request.applicationName(), extra));
        }
        int period = options.periodSeconds();
        // One period before the bake gives the counters a reference point; aligned to the period
        // so each datapoint covers whole periods.
        long from = request.bakeStartedAt().getEpochSecond() - period;
        Instant start = Instant.ofEpochSecond(from - Math.floorMod(from, period));
        try {
            List<MetricSeries> series = reader.read(queries, start, request.enteredAt(), period);
            Map<String, MetricSeries> byName = new HashMap<>();
            series.subList(0, core.size()).forEach(s -> byName.put(s.metricName(), s));
            List<AlarmState> alarms = options.alarmNames().isEmpty() ? List.of() : reader.alarms(options.alarmNames());
            return HealthObservation.read(byName, series.subList(core.size(), series.size()), alarms);
        } catch (MetricReadException e) {
            return HealthObservation.failed(e.getMessage());
        }
    }
}
