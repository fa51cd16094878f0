package io.flinkupgrade.emulator;

import io.flinkupgrade.emulator.dynamodb.DynamoDbException;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The scenario's injected faults, the one place that decides when each fires and what it does:
 * the model asks it at each call and at each operation that can fail in a scenario. A fault fires
 * once its anchor has happened and {@code atSeconds} have passed, at most {@code times} times; a
 * fault without an operation applies to every operation it makes sense for.
 *
 * <p>The request-level errors are not among those the model declares per operation: ThrottlingException
 * and a 5xx are AWS's common errors of every action
 * (https://docs.aws.amazon.com/managed-flink/latest/apiv2/CommonErrors.html,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html), which is what a
 * client must survive; RESOURCE_IN_USE is for the operations that declare ResourceInUseException.
 */
final class FaultPlan {
    private final List<ScenarioSpec.FaultSpec> specs;
    private final Map<ScenarioSpec.FaultSpec, Integer> fired = new IdentityHashMap<>();
    private final Function<ScenarioSpec.AlarmAnchor, Instant> anchors;
    private final Supplier<Instant> now;

    /** {@code anchors} gives when an anchor happened (null: not yet), {@code now} the model's clock. */
    FaultPlan(List<ScenarioSpec.FaultSpec> specs, Function<ScenarioSpec.AlarmAnchor, Instant> anchors, Supplier<Instant> now) {
        this.specs = List.copyOf(specs);
        this.anchors = anchors;
        this.now = now;
    }

    // ---- every call to MSF and CloudWatch ----------------------------------------------------

    /** LATENCY: how long a call of {@code operation} takes before it is answered (then it proceeds). */
    Optional<Duration> latency(String operation) {
        return fire(FaultType.LATENCY, operation).map(fault -> Duration.ofSeconds(fault.seconds()));
    }

    /** Throws the request-level error a call of {@code operation} meets, in order: throttling, 5xx, resource in use. */
    void refuse(Service service, String operation) {
        fire(FaultType.THROTTLE, operation).ifPresent(fault -> {
            throw EmulatorException.client(service.throttlingCode(), "Rate exceeded");
        });
        fire(FaultType.SERVER_ERROR, operation).ifPresent(fault -> {
            throw new EmulatorException(fault.errorCode() != null ? fault.errorCode() : service.serverErrorCode(), 500,
                    "The service is unavailable (injected by the scenario)");
        });
        fire(FaultType.RESOURCE_IN_USE, operation).ifPresent(fault -> {
            throw EmulatorException.inUse("The application is not available for this operation (injected by the scenario)");
        });
    }

    /** CONCURRENT_UPDATE: someone else updates the application right after {@code operation} succeeded on it. */
    boolean someoneElseUpdatesAfter(String operation) {
        return fire(FaultType.CONCURRENT_UPDATE, operation).isPresent();
    }

    /** SNAPSHOT_DELETED: someone else deletes the application's READY snapshots right after {@code operation} succeeded. */
    boolean someoneElseDeletesSnapshotsAfter(String operation) {
        return fire(FaultType.SNAPSHOT_DELETED, operation).isPresent();
    }

    // ---- operations that can go wrong on their own --------------------------------------------

    /** How an accepted UpdateApplication of a running application ends: STUCK_UPDATING, UPDATE_FAILS, or null (it works). */
    FaultType updateOutcome() {
        return fire(FaultType.STUCK_UPDATING, "UpdateApplication").map(ScenarioSpec.FaultSpec::type)
                .or(() -> fire(FaultType.UPDATE_FAILS, "UpdateApplication").map(ScenarioSpec.FaultSpec::type))
                .orElse(null);
    }

    /** ROLLBACK_REJECTED: throws the refusal of a RollbackApplication ({@code errorCode}, default InvalidRequestException). */
    void refuseRollback(String applicationName) {
        fire(FaultType.ROLLBACK_REJECTED, "RollbackApplication").ifPresent(fault -> {
            throw EmulatorException.client(fault.errorCode() == null ? "InvalidRequestException" : fault.errorCode(),
                    "Rollback of application " + applicationName + " was rejected (injected by the scenario)");
        });
    }

    /** ROLLBACK_FAILS: the accepted RollbackApplication's operation ends FAILED. */
    boolean rollbackFails() {
        return fire(FaultType.ROLLBACK_FAILS, "RollbackApplication").isPresent();
    }

    /** SNAPSHOT_FAILS: the snapshot a CreateApplicationSnapshot starts ends FAILED. */
    boolean snapshotFails() {
        return fire(FaultType.SNAPSHOT_FAILS, "CreateApplicationSnapshot").isPresent();
    }

    // ---- DynamoDB ----------------------------------------------------------------------------

    /**
     * Throws the error a DynamoDB call of {@code operation} meets. Only faults that name the DynamoDB
     * operation apply, so the MSF and CloudWatch faults of existing scenarios stay as they are.
     */
    void refuseDynamoDb(String operation) {
        fireNamed(FaultType.THROTTLE, operation).ifPresent(fault -> {
            throw DynamoDbException.injected("ProvisionedThroughputExceededException", 400,
                    "The level of configured provisioned throughput for the table was exceeded (injected by the scenario)");
        });
        fireNamed(FaultType.SERVER_ERROR, operation).ifPresent(fault -> {
            throw DynamoDbException.injected(fault.errorCode() != null ? fault.errorCode() : "InternalServerError", 500,
                    "Internal server error (injected by the scenario)");
        });
    }

    // ---- firing ------------------------------------------------------------------------------

    /**
     * Fires the first armed fault of {@code type} for {@code operation} that has not used up its
     * {@code times}; a fault without an operation applies to every operation it makes sense for.
     */
    private Optional<ScenarioSpec.FaultSpec> fire(FaultType type, String operation) {
        for (ScenarioSpec.FaultSpec spec : specs) {
            boolean matches = spec.type() == type
                    && (spec.operation() == null || spec.operation().equals(operation))
                    && armed(spec);
            int count = fired.getOrDefault(spec, 0);
            if (matches && count < spec.times()) {
                fired.put(spec, count + 1);
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #fire}, but only faults that name {@code operation}: for services other scenarios do not mean. */
    private Optional<ScenarioSpec.FaultSpec> fireNamed(FaultType type, String operation) {
        for (ScenarioSpec.FaultSpec spec : specs) {
            int count = fired.getOrDefault(spec, 0);
            if (spec.type() == type && operation.equals(spec.operation()) && armed(spec) && count < spec.times()) {
                fired.put(spec, count + 1);
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /** Its anchor has happened and {@code atSeconds} have passed since. */
    private boolean armed(ScenarioSpec.FaultSpec spec) {
        Instant anchor = anchors.apply(spec.anchor());
        return anchor != null && !now.get().isBefore(anchor.plusSeconds(spec.atSeconds()));
    }
}
