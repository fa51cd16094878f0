package io.flinkupgrade.update;

import java.time.Instant;

/**
 * UpdateApplication's output.
 *
 * @param operationId    the MSF operation to follow, or null when the update had already landed
 * @param alreadyApplied true when a previous attempt had already moved the application
 */
public record UpdateStarted(
        String operationId, long fromVersionId, long toVersionId, String status, boolean alreadyApplied, Instant startedAt) {}
