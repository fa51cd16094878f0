package io.flinkupgrade.health;

import io.flinkupgrade.plan.FlinkRuntime;
import java.time.Instant;
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
        HealthProgress previous) {

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
    }

    FlinkRuntime flinkRuntime() {
        return FlinkRuntime.parse(runtime).orElseThrow();
    }
}
