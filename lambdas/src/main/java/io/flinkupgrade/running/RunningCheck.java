package io.flinkupgrade.running;

import java.time.Instant;
import java.util.List;

/**
 * CheckStatus's output.
 *
 * @param phase   SETTLED (in the expected status, runtime and version), IN_PROGRESS (poll again) or
 *                FAILED (stuck past the timeout, fell back, rolled back by MSF, or the operation failed)
 * @param reasons why, with the numbers, for FAILED and IN_PROGRESS
 * @param nextPollSeconds for IN_PROGRESS, how long the ASL waits before the next poll ({@link PollSchedule}); 0 otherwise
 */
public record RunningCheck(
        String phase,
        String status,
        long versionId,
        String runtime,
        String operationStatus,
        List<String> reasons,
        long waitedSeconds,
        Instant checkedAt,
        int nextPollSeconds) {

    public RunningCheck {
        reasons = List.copyOf(reasons);
    }
}
