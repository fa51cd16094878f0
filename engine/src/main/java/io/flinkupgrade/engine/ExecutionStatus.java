package io.flinkupgrade.engine;

/** How an execution ended. */
public enum ExecutionStatus {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    /** Stopped from outside, as StopExecution does; the state it was in does not finish. */
    ABORTED
}
