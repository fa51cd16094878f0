package io.flinkupgrade.local.engine;

/** How an execution ended. */
public enum ExecutionStatus {
    SUCCEEDED,
    FAILED,
    TIMED_OUT
}
