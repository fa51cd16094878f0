package io.flinkupgrade.engine;

/** Where an execution is: AWS's execution statuses (API_DescribeExecution), less PENDING_REDRIVE (no redrive locally). */
public enum ExecutionStatus {
    /** Started and not yet ended; only a background or child execution is ever seen so. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    /** Stopped from outside, as StopExecution does; the state it was in does not finish. */
    ABORTED
}
