package io.flinkupgrade.snapshot;

import java.time.Instant;

/**
 * TakeSnapshot's input: which snapshot to take and the application facts Preflight read.
 *
 * @param requested        the request's {@code snapshot.enabled}
 * @param snapshotsEnabled the application's own snapshot setting
 * @param status           the application's status in Preflight (snapshots are taken only from RUNNING)
 */
public record SnapshotRequest(
        String applicationName,
        String snapshotName,
        boolean requested,
        boolean snapshotsEnabled,
        String status,
        long applicationVersionId,
        Instant enteredAt) {}
