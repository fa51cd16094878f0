package io.flinkupgrade.rollback;

import java.time.Instant;

/**
 * Rollback's output.
 *
 * @param method      ROLLBACK_APPLICATION, RESTORE_SNAPSHOT (UpdateApplication back to the original
 *                    configuration from the pinned snapshot, then StartApplication if it had stopped),
 *                    UPDATE_TO_ORIGINAL (an application upgraded while stopped: back to the original
 *                    configuration, still READY), or ALREADY_ROLLED_BACK (MSF's system rollback got there
 *                    first, or the update never landed)
 * @param operationId the MSF operation to follow, or null
 * @param toVersionId the version the rollback made (or found, when already rolled back): what its checks expect
 * @param notes       what was tried and why, for the outcome's reasons
 */
public record RollbackStarted(
        String method, String operationId, long fromVersionId, long toVersionId, String status, java.util.List<String> notes,
        Instant startedAt) {

    public RollbackStarted {
        notes = java.util.List.copyOf(notes);
    }
}
