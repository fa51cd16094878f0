package io.flinkupgrade.health;

import io.flinkupgrade.errors.TransientServiceException;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.health.CloudWatchReader.MetricQuery;
import io.flinkupgrade.health.MetricSeries.MetricSample;
import io.flinkupgrade.plan.FlinkRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Captures the {@link HealthBaseline} for Preflight: the restart and failed-checkpoint counters,
 * the lag, which extra metrics have data, and the watched alarms' states over the {@link #WINDOW}
 * before {@code now}. What a
 * pre-existing alarm means (BLOCK/WARN/IGNORE) is Preflight's decision, not this reader's.
 *
 * <p>Throws {@link TransientServiceException} when CloudWatch throttled or failed transiently (the
 * ASL retries Preflight), and {@link UpgradeRejectedException} on field {@code health} for anything
 * else (for example missing permissions): nothing has changed yet, and an upgrade whose health
 * cannot be read should not start.
 */
public final class BaselineReader {
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int PERIOD_SECONDS = 60;

    private final CloudWatchReader reader;

    public BaselineReader(CloudWatchClient cloudWatch) {
        this.reader = new CloudWatchReader(cloudWatch);
    }

    /** Counters are their latest value, lag the highest in the window: the bound lag must return to is generous. */
    public HealthBaseline capture(String applicationName, FlinkRuntime runtime, HealthOptions options, Instant now) {
        HealthMetrics metrics = HealthMetrics.forRuntime(runtime);
        List<MetricQuery> queries = new ArrayList<>(List.of(
                MetricQuery.application(applicationName, metrics.restarts(), "Maximum"),
                MetricQuery.application(applicationName, HealthMetrics.FAILED_CHECKPOINTS, "Maximum")));
        if (options.lag() != null) {
            queries.add(MetricQuery.application(applicationName, options.lag().metricName(), "Maximum"));
        }
        int firstExtra = queries.size();
        options.extraMetrics().forEach(extra -> queries.add(MetricQuery.extra(applicationName, extra)));
        long from = now.minus(WINDOW).getEpochSecond();
        Instant start = Instant.ofEpochSecond(from - Math.floorMod(from, PERIOD_SECONDS));
        try {
            List<MetricSeries> series = reader.read(queries, start, now, PERIOD_SECONDS);
            List<AlarmState> alarms = options.alarmNames().isEmpty() ? List.of() : reader.alarms(options.alarmNames());
            Set<String> returned = alarms.stream().map(AlarmState::name).collect(Collectors.toSet());
            Set<String> inAlarm = alarms.stream().filter(AlarmState::inAlarm).map(AlarmState::name)
                    .collect(Collectors.toSet());
            return new HealthBaseline(
                    now,
                    runtime.toString(),
                    latest(series.get(0)),
                    latest(series.get(1)),
                    options.lag() == null ? null : highest(series.get(2)),
                    options.alarmNames().stream().filter(inAlarm::contains).toList(),
                    options.alarmNames().stream().filter(name -> !returned.contains(name)).toList(),
                    IntStream.range(0, options.extraMetrics().size())
                            .filter(i -> series.get(firstExtra + i).samples().isEmpty())
                            .boxed()
                            .toList());
        } catch (MetricReadException e) {
            if (e.transientFailure()) {
                throw new TransientServiceException("reading the health baseline: " + e.getMessage(), e);
            }
            throw new UpgradeRejectedException("health", "cannot read the health baseline from CloudWatch: "
                    + e.getMessage(), e);
        }
    }

    private static Double latest(MetricSeries series) {
        return series.samples().isEmpty() ? null : series.samples().get(series.samples().size() - 1).value();
    }

    private static Double highest(MetricSeries series) {
        return series.samples().stream().map(MetricSample::value).max(Double::compare).orElse(null);
    }
}
