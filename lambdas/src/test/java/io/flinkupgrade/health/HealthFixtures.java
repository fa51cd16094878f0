package io.flinkupgrade.health;

import io.flinkupgrade.health.HealthOptions.ExtraMetric;
import io.flinkupgrade.health.HealthOptions.LagOptions;
import io.flinkupgrade.health.MetricSeries.MetricSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fixed instants, options and observations for the health tests: no clock anywhere. */
final class HealthFixtures {
    static final Instant UPGRADE_STARTED = Instant.parse("2026-03-02T09:50:00Z");
    static final Instant BAKE_STARTED = Instant.parse("2026-03-02T10:00:00Z");
    static final String APP = "orders";

    private HealthFixtures() {}

    /**
     * The progress of a bake that has so far had 9 successful checks, all with data: enough
     * evidence for HEALTHY at the next check under the default options (and under a 600 s restart
     * window), so a test of one rule at the bake's end judges that rule alone.
     */
    static final HealthProgress BAKED = new HealthProgress(9, 9, 9, 0, 0, 0, 0, 0, 9, "SUCCESSFUL");

    static Instant at(long secondsAfterBakeStart) {
        return BAKE_STARTED.plusSeconds(secondsAfterBakeStart);
    }

    /** Builds HealthOptions field by field; unset fields take the schema's defaults. */
    static final class Options {
        Integer bakeSeconds = 600;
        Integer periodSeconds;
        Integer initialDelaySeconds;
        Integer maxFullRestarts;
        Integer restartWindowSeconds;
        Integer maxFailedCheckpoints;
        Boolean requireCheckpoint;
        Long maxDowntimeMillis;
        LagOptions lag;
        List<ExtraMetric> extraMetrics;
        List<String> alarmNames;
        String preexistingAlarmPolicy;
        Integer failureLimit;
        Integer consecutiveSuccesses;
        String noDataPolicy;
        Integer maxInconclusive;
        String readErrorPolicy;
        Integer maxReadErrors;
        Integer minChecksWithData;
        HealthOptions.BlindPolicy onBlind;

        HealthOptions build() {
            return new HealthOptions(bakeSeconds, periodSeconds, initialDelaySeconds, maxFullRestarts,
                    restartWindowSeconds, maxFailedCheckpoints, requireCheckpoint, maxDowntimeMillis, lag, extraMetrics,
                    alarmNames, preexistingAlarmPolicy, failureLimit, consecutiveSuccesses, noDataPolicy,
                    maxInconclusive, readErrorPolicy, maxReadErrors, minChecksWithData, onBlind);
        }
    }

    static HealthCheckRequest request(String runtime, HealthOptions options, HealthBaseline baseline, long enteredAfter,
            HealthProgress previous) {
        return new HealthCheckRequest(APP, runtime, options, baseline, 60_000, UPGRADE_STARTED, BAKE_STARTED,
                at(enteredAfter), previous, null, List.of(), null);
    }

    static HealthCheckRequest request(HealthOptions options, long enteredAfter) {
        return request("FLINK-1_20", options, null, enteredAfter, null);
    }

    /** Datapoints one minute apart, the first in the period before the bake. */
    static MetricSeries series(String name, double... values) {
        return seriesFrom(name, -60, values);
    }

    static MetricSeries seriesFrom(String name, long firstSecondsAfterBakeStart, double... values) {
        List<MetricSample> samples = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            samples.add(new MetricSample(at(firstSecondsAfterBakeStart + 60L * i), values[i]));
        }
        return new MetricSeries(name, samples);
    }

    /** An observation of a healthy 1.x job over the first {@code minutes} of the bake, to be overridden per test. */
    static final class Observation {
        final Map<String, MetricSeries> metrics = new HashMap<>();
        final List<MetricSeries> extras = new ArrayList<>();
        final List<AlarmState> alarms = new ArrayList<>();

        static Observation healthy(int minutes) {
            Observation o = new Observation();
            double[] zeros = new double[minutes + 1];
            double[] uptime = new double[minutes + 1];
            double[] durations = new double[minutes + 1];
            for (int i = 0; i <= minutes; i++) {
                uptime[i] = 30_000 + 60_000.0 * i;
                durations[i] = 800 + i;
            }
            o.with(series("fullRestarts", zeros))
                    .with(series("uptime", uptime))
                    .with(series("downtime", zeros))
                    .with(series("numberOfFailedCheckpoints", zeros))
                    .with(series("lastCheckpointDuration", durations));
            return o;
        }

        Observation with(MetricSeries series) {
            metrics.put(series.metricName(), series);
            return this;
        }

        Observation without(String metricName) {
            metrics.remove(metricName);
            return this;
        }

        Observation extra(MetricSeries series) {
            extras.add(series);
            return this;
        }

        Observation alarm(String name, String state, Instant transitionedAt) {
            alarms.add(new AlarmState(name, state, transitionedAt));
            return this;
        }

        HealthObservation build() {
            return HealthObservation.read(metrics, extras, alarms);
        }
    }
}
