package io.flinkupgrade.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * RecordOutcome's input, built by the ASL once the outcome is final, just before Notify.
 *
 * @param outcome         UPGRADED, ROLLED_BACK, REJECTED or FAILED
 * @param applicationName the application, as the outcome names it (null for an input without one)
 * @param startedAt       the execution's start
 * @param finishedAt      when the outcome was reached (the outcome's {@code finishedAt})
 * @param updatedAt       when UpdateApplication started; null when the upgrade never got that far
 * @param detectedAt      when the bake's first UNHEALTHY verdict was reached (its {@code checkedAt}); null when none was
 * @param execution       which execution and state this task runs for (see {@link ExecutionContext})
 */
public record RecordOutcomeRequest(
        String outcome,
        String applicationName,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        Instant detectedAt,
        ExecutionContext execution) {

    public RecordOutcomeRequest {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** From the execution's start to the outcome. */
    Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** From UpdateApplication to the first UNHEALTHY verdict, when the bake found the upgrade unhealthy. */
    Optional<Duration> timeToDetect() {
        return updatedAt == null || detectedAt == null ? Optional.empty() : Optional.of(Duration.between(updatedAt, detectedAt));
    }
}
