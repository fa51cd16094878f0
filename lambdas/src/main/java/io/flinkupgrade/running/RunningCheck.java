package io.flinkupgrade.running;

import java.time.Instant;
import java.util.List;

/**
 * CheckStatus's output.
 *
 * @param phase   SETTLED (in the expected status, runtime and version), IN_PROGRESS (poll again) or
 *                FAILED (stuck past the timeout, fell back, rolled back by MSF, or the operation failed)
 * @param reasons why, with the numbers, for FAILED and IN_PROGRESS
 */
public record RunningCheck(
        String phase,
        String status,
        long versionId,
        String runtime,
        String operationStatus,
        List<String> reasons,
        long waitedSeconds,
        Instant checkedAt) {

    public RunningCheck {
        reasons = List.copyOf(reasons);
    }
}
