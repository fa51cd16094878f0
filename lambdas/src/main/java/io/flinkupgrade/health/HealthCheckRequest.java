package io.flinkupgrade.health;

import io.flinkupgrade.application.OurChange;
import io.flinkupgrade.observe.ExecutionContext;
import io.flinkupgrade.plan.FlinkRuntime;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The input of CheckHealth, built by the ASL on every turn of the bake loop.
 *
 * @param applicationName          the MSF application
 * @param runtime                  the runtime being watched (the target on upgrade, the original after a rollback)
 * @param options                  the execution input's {@code health} section, defaults applied
 * @param baseline                 what Preflight captured; null when no baseline was taken
 * @param checkpointIntervalMillis the application's checkpoint interval; 0 or less when checkpointing is off
 * @param upgradeStartedAt         when the upgrade started: alarms that transitioned to ALARM after it are new
 * @param bakeStartedAt            when the application was first seen RUNNING at the new version
 * @param enteredAt                "now": {@code $states.context.State.EnteredTime} of this CheckHealth
 * @param previous                 the previous check's progress; null on the first check
 * @param ours                     what our update (or rollback) made, as the previous check left it;
 *                                 CheckHealth compares the application with it before judging metrics
 * @param excused                  the autoscaling intervals so far (the previous verdict's); none on the first check
 * @param execution which execution and state this task runs for (see {@link ExecutionContext})
 */
public record HealthCheckRequest(
        String applicationName,
        String runtime,
        HealthOptions options,
        HealthBaseline baseline,
        long checkpointIntervalMillis,
        Instant upgradeStartedAt,
        Instant bakeStartedAt,
        Instant enteredAt,
        HealthProgress previous,
        OurChange ours,
        List<ExcusedInterval> excused,
        ExecutionContext execution) {

    public HealthCheckRequest {
        if (applicationName == null || applicationName.isBlank()) {
            throw new IllegalArgumentException("applicationName is required");
        }
        if (FlinkRuntime.parse(runtime).isEmpty()) {
            throw new IllegalArgumentException("runtime is not a Flink runtime such as FLINK-1_20: " + runtime);
        }
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(upgradeStartedAt, "upgradeStartedAt");
        Objects.requireNonNull(bakeStartedAt, "bakeStartedAt");
        Objects.requireNonNull(enteredAt, "enteredAt");
        if (enteredAt.isBefore(bakeStartedAt)) {
            throw new IllegalArgumentException("enteredAt " + enteredAt + " is before bakeStartedAt " + bakeStartedAt);
        }
        excused = excused == null ? List.of() : List.copyOf(excused);
    }

    /** The same check judged with {@code intervals} excused. */
    HealthCheckRequest withExcused(List<ExcusedInterval> intervals) {
        return new HealthCheckRequest(applicationName, runtime, options, baseline, checkpointIntervalMillis,
                upgradeStartedAt, bakeStartedAt, enteredAt, previous, ours, intervals, execution);
    }

    /** When the bake ends: its configured length after the start, plus the time excused for autoscaling. */
    Instant bakeEnd() {
        return bakeStartedAt.plusSeconds(options.bakeSeconds() + ExcusedInterval.total(excused, enteredAt));
    }

    /** The later of the bake's start and the end of the last excused interval: when the current job began to be watched. */
    Instant watchedSince() {
        return excused.stream().map(ExcusedInterval::until).filter(Objects::nonNull)
                .filter(until -> until.isAfter(bakeStartedAt)).max(Instant::compareTo).orElse(bakeStartedAt);
    }

    /** Whether an excused interval lies between two datapoints. */
    boolean excusedBetween(Instant earlier, Instant later) {
        return excused.stream().anyMatch(e -> e.between(earlier, later));
    }

    FlinkRuntime flinkRuntime() {
        return FlinkRuntime.parse(runtime).orElseThrow();
    }
}
