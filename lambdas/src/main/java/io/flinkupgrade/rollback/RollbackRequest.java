package io.flinkupgrade.rollback;

import io.flinkupgrade.observe.ExecutionContext;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.time.Instant;
import java.util.List;

/**
 * Rollback's input.
 *
 * @param originalRuntime  the runtime before the upgrade
 * @param originalStatus   the status before the upgrade: RUNNING, or READY for an application upgraded while stopped
 * @param originalCode     the code before the upgrade
 * @param originalPropertyGroups the runtime properties before the upgrade when the upgrade replaced them, else null
 * @param snapshotName     the pinned pre-upgrade snapshot, or null when none was taken
 * @param snapshotsEnabled the application's snapshot setting in Preflight
 * @param upgradeVersionId the version our update made, or null when the update's result is unknown
 * @param execution which execution and state this task runs for (see {@link ExecutionContext})
 */
public record RollbackRequest(
        String applicationName,
        String originalRuntime,
        String originalStatus,
        CodeLocation originalCode,
        List<PropertyGroup> originalPropertyGroups,
        String snapshotName,
        boolean snapshotsEnabled,
        Long upgradeVersionId,
        Instant enteredAt,
        ExecutionContext execution) {}
