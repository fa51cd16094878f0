package io.flinkupgrade.update;

import io.flinkupgrade.observe.ExecutionContext;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.time.Instant;
import java.util.List;

/**
 * UpdateApplication's input.
 *
 * @param conditionalToken    the token Preflight read; preferred by MSF over the version id
 * @param expectedVersionId   the version Preflight read; used when there is no token
 * @param restoreSnapshotName the pinned pre-upgrade snapshot, or null to restore from the latest one
 * @param snapshotsEnabled    the application's snapshot setting (false: start without state)
 * @param propertyGroups      when non-null, replace the application's runtime properties
 * @param execution which execution and state this task runs for (see {@link ExecutionContext})
 */
public record UpdateRequest(
        String applicationName,
        String targetRuntime,
        CodeLocation code,
        List<PropertyGroup> propertyGroups,
        String conditionalToken,
        long expectedVersionId,
        String restoreSnapshotName,
        boolean snapshotsEnabled,
        Instant enteredAt,
        ExecutionContext execution) {}
