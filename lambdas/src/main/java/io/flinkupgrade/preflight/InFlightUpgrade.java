package io.flinkupgrade.preflight;

import io.flinkupgrade.application.MsfApplication;
import java.time.Instant;

/**
 * An upgrade an earlier, interrupted execution already applied: the application runs the requested
 * runtime and code, the version it replaced ran an older runtime, and that version's {@code upgrade-*}
 * snapshot is READY. The workflow resumes it (waits for RUNNING, bakes, rolls back to {@link #before})
 * instead of updating again or rejecting it as a no-op.
 *
 * @param before          the application at the version the upgrade replaced: the rollback target
 * @param snapshotName    the pinned pre-upgrade snapshot of that version
 * @param toVersionId     the version the upgrade created
 * @param updateStartedAt when the application last changed: the update's start, for the RUNNING timeout
 */
public record InFlightUpgrade(MsfApplication before, String snapshotName, long toVersionId, Instant updateStartedAt) {}
