package io.flinkupgrade.engine;

import java.time.Instant;

/**
 * One Map Run, the child executions of one Distributed Map state, as DescribeMapRun describes it
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html). One item
 * is one child execution here (no ItemBatcher), so its execution counts are also its item counts.
 */
public record MapRunDescription(
        String mapRunArn,
        String executionArn,
        Status status,
        Instant startDate,
        Instant stopDate,
        int maxConcurrency,
        double toleratedFailurePercentage,
        long toleratedFailureCount,
        Counts executionCounts) {

    /** AWS's MapRunStatus values. */
    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED,
        ABORTED
    }

    /** AWS's MapRunExecutionCounts (API_MapRunExecutionCounts): child executions by status. */
    public record Counts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
            long total, long resultsWritten) {}
}
