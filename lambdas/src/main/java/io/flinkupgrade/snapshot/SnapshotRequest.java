package io.flinkupgrade.snapshot;

import io.flinkupgrade.observe.ExecutionContext;
import java.time.Instant;

/**
 * TakeSnapshot's input: which snapshot to take and the application facts Preflight read.
 *
 * @param requested        the request's {@code snapshot.enabled}
 * @param snapshotsEnabled the application's own snapshot setting
 * @param status           the application's status in Preflight (snapshots are taken only from RUNNING)
 * @param reuseWithinSeconds how young an earlier run's snapshot of this version must be to be adopted:
 *                         an older one would rewind the job's state when the update restores it
 * @param execution which execution and state this task runs for (see {@link ExecutionContext})
 */
public record SnapshotRequest(
        String applicationName,
        String snapshotName,
        boolean requested,
        boolean snapshotsEnabled,
        String status,
        long applicationVersionId,
        int reuseWithinSeconds,
        Instant enteredAt,
        ExecutionContext execution) {}
