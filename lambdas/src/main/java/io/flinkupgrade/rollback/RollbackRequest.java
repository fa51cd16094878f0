package io.flinkupgrade.rollback;

import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import java.time.Instant;

/**
 * Rollback's input.
 *
 * @param originalRuntime  the runtime before the upgrade
 * @param originalCode     the code before the upgrade
 * @param snapshotName     the pinned pre-upgrade snapshot, or null when none was taken
 * @param snapshotsEnabled the application's snapshot setting in Preflight
 */
public record RollbackRequest(
        String applicationName,
        String originalRuntime,
        CodeLocation originalCode,
        String snapshotName,
        boolean snapshotsEnabled,
        Instant enteredAt) {}
