package io.flinkupgrade.report;

import java.time.Instant;

/**
 * One entry of an execution's history, as the report reads it: a state entered, or a state exited
 * with its output. Step Functions records the same pair for every state (e.g. {@code TaskStateEntered}
 * and {@code TaskStateExited} with {@code stateExitedEventDetails.output}); the local engine records
 * STATE_ENTERED and STATE_EXITED.
 *
 * @param output the state's output as JSON text on exit; null on entry
 */
public record ExecutionEvent(Kind kind, Instant timestamp, String stateName, String output) {

    public enum Kind { STATE_ENTERED, STATE_EXITED }

    public static ExecutionEvent entered(Instant timestamp, String stateName) {
        return new ExecutionEvent(Kind.STATE_ENTERED, timestamp, stateName, null);
    }

    public static ExecutionEvent exited(Instant timestamp, String stateName, String output) {
        return new ExecutionEvent(Kind.STATE_EXITED, timestamp, stateName, output);
    }
}
