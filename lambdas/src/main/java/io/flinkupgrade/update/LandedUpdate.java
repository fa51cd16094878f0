package io.flinkupgrade.update;

import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;

/**
 * Whether the application MSF describes is our own UpdateApplication that landed on an earlier
 * attempt (a Lambda timeout, a retry), pure. Matching runtime and code is not enough: someone else
 * may have applied the same runtime and jar with other settings. Ours has everything we sent
 * (runtime, code with object version, property groups when we sent them, the restore configuration),
 * was updated from the version Preflight read, and was made by an UpdateApplication operation that
 * started while this state ran.
 */
final class LandedUpdate {
    /**
     * Step Functions' EnteredTime and MSF's operation StartTime come from different clocks; an
     * operation that started this much before the state was entered is still taken for ours (INFERRED).
     */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

    private LandedUpdate() {}

    /** An UpdateApplication operation: ListApplicationOperations' start time, DescribeApplicationOperation's versions. */
    record UpdateOperation(String operationId, Instant startTime, long fromVersionId, long toVersionId) {}

    /** Whether an operation could be our call: it started once this state was entered. */
    static boolean startedByThisState(Instant operationStart, UpdateRequest request) {
        return operationStart != null && !operationStart.isBefore(request.enteredAt().minus(CLOCK_TOLERANCE));
    }

    /** Why the application's version, runtime, code and configuration are not what our call sent. */
    static List<String> configurationNotOurs(UpdateRequest request, MsfApplication now) {
        List<String> reasons = new ArrayList<>();
        if (now.versionId() <= request.expectedVersionId()) {
            reasons.add("still at version " + now.versionId());
        }
        if (!request.targetRuntime().equals(now.runtime())) {
            reasons.add("runtime " + now.runtime() + ", not " + request.targetRuntime());
        }
        if (!now.runsCode(request.code())) {
            reasons.add("code " + (now.code() == null ? "none" : now.code().fileKey() + " (object version "
                    + now.code().objectVersion() + ")") + ", not " + request.code().fileKey());
        }
        if (request.propertyGroups() != null && !groups(request.propertyGroups()).equals(groups(now.propertyGroups()))) {
            reasons.add("property groups " + groups(now.propertyGroups()).keySet() + " other than those sent");
        }
        String restoreType = restoreType(request).toString();
        String snapshot = request.restoreSnapshotName();
        if (!restoreType.equals(now.restoreType()) || !Objects.equals(snapshot, now.restoreSnapshotName())) {
            reasons.add("restore " + now.restoreType() + (now.restoreSnapshotName() == null ? "" : " " + now.restoreSnapshotName())
                    + ", not " + restoreType + (snapshot == null ? "" : " " + snapshot));
        }
        if (!Objects.equals(now.updatedFromVersionId(), request.expectedVersionId())) {
            reasons.add("updated from version " + now.updatedFromVersionId() + ", not " + request.expectedVersionId());
        }
        return reasons;
    }

    /** Why {@code made}, the UpdateApplication operation to the current version, is not our call's. */
    static List<String> operationNotOurs(UpdateRequest request, MsfApplication now, Optional<UpdateOperation> made) {
        List<String> reasons = new ArrayList<>();
        if (made.isEmpty()) {
            reasons.add("no UpdateApplication operation to version " + now.versionId() + " started by this run (since "
                    + request.enteredAt() + ")");
        } else if (made.get().fromVersionId() != request.expectedVersionId() || made.get().toVersionId() != now.versionId()
                || !startedByThisState(made.get().startTime(), request)) {
            reasons.add("operation " + made.get().operationId() + " changed version " + made.get().fromVersionId() + " to "
                    + made.get().toVersionId() + " at " + made.get().startTime() + ", not our update");
        }
        return reasons;
    }

    /** What ConfigurationUpdates.restore sends. */
    static ApplicationRestoreType restoreType(UpdateRequest request) {
        if (request.restoreSnapshotName() != null) {
            return ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT;
        }
        return request.snapshotsEnabled() ? ApplicationRestoreType.RESTORE_FROM_LATEST_SNAPSHOT
                : ApplicationRestoreType.SKIP_RESTORE_FROM_SNAPSHOT;
    }

    private static Map<String, Map<String, String>> groups(List<PropertyGroup> groups) {
        return groups.stream().collect(Collectors.toMap(PropertyGroup::propertyGroupId, PropertyGroup::propertyMap, (a, b) -> b));
    }
}
