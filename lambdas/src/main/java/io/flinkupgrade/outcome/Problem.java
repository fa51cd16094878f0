package io.flinkupgrade.outcome;

/**
 * What went wrong, as the FAILED outcome state that asks for the manual step knows it. The JSON
 * name is the constant's name; a new FAILED state adds its constant here and a sentence in
 * {@link ManualStepAdvisor#whatHappened}.
 */
public enum Problem {
    /** The pre-upgrade snapshot failed or timed out: the workflow stopped before UpdateApplication. */
    SNAPSHOT_FAILED,
    /** The upgrade was in trouble and {@code rollback.automatic} is false. */
    ROLLBACK_DISABLED,
    /** The rollback was refused, failed, or could not be followed to its end. */
    ROLLBACK_FAILED,
    /** The rollback landed, but the original version is unhealthy too. */
    ROLLBACK_UNHEALTHY,
    /** The workflow could not observe the application (status or metrics unreadable, or no data) and stopped. */
    COULD_NOT_OBSERVE,
    /** An error no other branch handles. */
    FAILED,
    /** Another party stopped or changed the application while the workflow watched it (see {@code ManualStepRequest#interruption}). */
    CHANGED_BY_ANOTHER_PARTY,
    /**
     * An operator stopped the execution (StopExecution, e.g. the operator CLI's {@code abort}) before it
     * reached an outcome; no state of the workflow asks for this one, the operator CLI does.
     */
    ABORTED
}
