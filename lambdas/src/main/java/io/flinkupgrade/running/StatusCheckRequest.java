package io.flinkupgrade.running;

import java.time.Instant;

/**
 * CheckStatus's input.
 *
 * @param operationId      the MSF operation to follow (UpdateApplication or RollbackApplication), or null
 * @param minimumVersionId the application must have reached at least this version, or null (after a
 *                         rollback, whether MSF mints a new version id is undocumented)
 * @param expectedRuntime  the runtime the application must run once settled
 * @param expectedCodeKey  the S3 key it must run, or null to not check
 * @param expectedStatus   RUNNING, or READY for an application upgraded while stopped
 * @param waitingSince     when the operation started; with {@code timeoutSeconds}, bounds the loop
 * @param pollSeconds      {@code timeouts.pollSeconds}: the shortest wait between two polls
 */
public record StatusCheckRequest(
        String applicationName,
        String operationId,
        Long minimumVersionId,
        String expectedRuntime,
        String expectedCodeKey,
        String expectedStatus,
        Instant waitingSince,
        int timeoutSeconds,
        int pollSeconds,
        Instant enteredAt) {}
