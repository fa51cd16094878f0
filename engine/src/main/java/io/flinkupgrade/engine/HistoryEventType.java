package io.flinkupgrade.engine;

/** The kinds of history events the engine emits. */
public enum HistoryEventType {
    EXECUTION_STARTED,
    STATE_ENTERED,
    STATE_EXITED,
    TASK_SCHEDULED,
    /** A .sync task's job (a child execution) was started and is being waited for, as AWS's TaskSubmitted. */
    TASK_SUBMITTED,
    TASK_SUCCEEDED,
    TASK_FAILED,
    TASK_TIMED_OUT,
    RETRY_SCHEDULED,
    WAIT_STARTED,
    EVALUATION_FAILED,
    ERROR_CAUGHT,
    CHOICE_MADE,
    /** An Inline Map's iterations begin; detail is how many items it has. */
    MAP_STATE_STARTED,
    MAP_ITERATION_STARTED,
    MAP_ITERATION_SUCCEEDED,
    MAP_ITERATION_FAILED,
    /** A running iteration stopped because another one failed the Map state, as AWS's MapIterationAborted. */
    MAP_ITERATION_ABORTED,
    MAP_RUN_STARTED,
    MAP_RUN_SUCCEEDED,
    MAP_RUN_FAILED,
    /** A Parallel state's branches begin; detail is how many. */
    PARALLEL_STATE_STARTED,
    PARALLEL_BRANCH_STARTED,
    PARALLEL_BRANCH_SUCCEEDED,
    PARALLEL_BRANCH_FAILED,
    /** A running branch stopped because another one failed the Parallel state. */
    PARALLEL_BRANCH_ABORTED,
    EXECUTION_SUCCEEDED,
    EXECUTION_FAILED,
    EXECUTION_TIMED_OUT,
    EXECUTION_ABORTED
}
