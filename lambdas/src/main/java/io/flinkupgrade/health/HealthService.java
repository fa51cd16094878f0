package io.flinkupgrade.health;

import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.application.ApplicationWatch;
import io.flinkupgrade.application.ApplicationWatch.Kind;
import io.flinkupgrade.application.ApplicationWatch.Watch;
import io.flinkupgrade.health.CloudWatchReader.MetricQuery;
import io.flinkupgrade.health.HealthOptions.ExtraMetric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/**
 * One bake check: first reads the application (DescribeApplication) and judges it against our
 * change with {@link ApplicationWatch}: stopped or changed by another party ends the bake
 * INTERRUPTED, an autoscaling in progress waits (its time excused); otherwise reads the runtime's
 * metrics since the bake started (one GetMetricData, plus DescribeAlarms when alarms are watched)
 * and hands them to {@link HealthEvaluator} with the autoscaling intervals excused.
 *
 * <p>A failed read is never thrown, not even throttling or a 5xx: it becomes a read error that
 * {@code readErrorPolicy} judges, visible in the verdict's reasons. The bake loop is already a
 * retry (the next check comes one period later), and a CloudWatch hiccup must not end the upgrade
 * in FAILED while the application is running the new version. A failed DescribeApplication is
 * thrown: the ASL retries a transient one and treats anything else as a failed check.
 */
final class HealthService {
    private final CloudWatchReader reader;
    private final ApplicationReader applications;

    HealthService(CloudWatchClient cloudWatch, KinesisAnalyticsV2Client msf) {
        this.reader = new CloudWatchReader(cloudWatch);
        this.applications = new ApplicationReader(msf);
    }

    HealthVerdict evaluate(HealthCheckRequest request) {
        Objects.requireNonNull(request.ours(), "ours: CheckHealth compares the application with our change");
        Watch watch = ApplicationWatch.judge(applications.describe(request.applicationName()), request.ours(), true);
        HealthProgress progress = request.previous() == null ? HealthProgress.NONE : request.previous();
        if (watch.kind().interrupts()) {
            return HealthVerdict.interrupted(watch, progress, request.enteredAt());
        }
        List<ExcusedInterval> excused = ExcusedInterval.after(request.excused(), watch.kind(), request.enteredAt(),
                request.bakeStartedAt(), request.options().periodSeconds());
        if (watch.kind() == Kind.AUTOSCALING) {
            return HealthVerdict.pending(watch.reasons(), progress, request.enteredAt(), Map.of()).watched(watch, excused);
        }
        HealthCheckRequest judged = request.withExcused(excused);
        return HealthEvaluator.evaluate(judged, observe(judged)).watched(watch, excused);
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
