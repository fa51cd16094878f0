package io.flinkupgrade.running;

import io.flinkupgrade.application.ApplicationWatch.Watch;
import java.time.Instant;
import java.util.List;

/**
 * CheckStatus's output.
 *
 * @param phase   SETTLED (in the expected status, still our change), IN_PROGRESS (poll again),
 *                FAILED (stuck past the timeout, fell back, or the operation failed) or INTERRUPTED
 *                (stopped or changed by another party: stop watching, never roll back over it)
 * @param reasons why, with the numbers, for FAILED, INTERRUPTED and IN_PROGRESS
 * @param watch   the application judged against our change; its {@code ours} is what the next check expects
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
        int nextPollSeconds,
        Watch watch) {

    public RunningCheck {
        reasons = List.copyOf(reasons);
    }
}
