package io.flinkupgrade.snapshot;

import java.time.Instant;

/**
 * TakeSnapshot's output.
 *
 * @param status  CREATING or READY when there is a snapshot to wait for, SKIPPED when there is none
 * @param reused  true when an existing snapshot of this application version was adopted instead of a new one
 * @param warning why the snapshot was skipped, or null
 */
public record SnapshotStarted(String snapshotName, String status, boolean reused, String warning, Instant startedAt) {}
