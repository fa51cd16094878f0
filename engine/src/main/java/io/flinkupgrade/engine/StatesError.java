package io.flinkupgrade.engine;

/**
 * A failed state on its way to a Retry, a Catch or the end of the execution. error is null only for a
 * Fail state that names a Cause but no Error.
 *
 * <p>A JSONata evaluation failure starts without its state ({@link #evaluation}): the expression code
 * knows the field, the engine knows the state, and {@link #inState} joins the two into AWS's cause.
 */
final class StatesError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String TIMEOUT = "States.Timeout";
    static final String RUNTIME = "States.Runtime";
    // AWS's error name for a failed JSONata evaluation, recorded in the EvaluationFailed and
    // ExecutionFailed events (AWS-validated snapshots in localstack/localstack,
    // tests/aws/services/stepfunctions/v2/intrinsic_functions/test_math_operations_jsonata.snapshot.json)
    // and listed among the error names at
    // https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
    static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    /** A Map Run failed past its ToleratedFailureCount or ToleratedFailurePercentage (concepts-error-handling, error names). */
    static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";
    /** A Distributed Map's ItemReader could not read its items, or its ResultWriter write its results (same page). */
    static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
    static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";

    private final String error;
    private final String errorCause;
    private final boolean awaitsState;
    /** The field whose evaluation failed, e.g. "Output/result"; null when no one field is to blame. */
    private final String location;

    StatesError(String error, String cause) {
        this(error, cause, false, null);
    }

    private StatesError(String error, String cause, boolean awaitsState, String location) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.errorCause = cause;
        this.awaitsState = awaitsState;
        this.location = location;
    }

    /** A failed evaluation (of the field {@code location}, if not null), not yet tied to the state it happened in. */
    static StatesError evaluation(String location, String cause) {
        return new StatesError(QUERY_EVALUATION_ERROR, cause, true, location);
    }

    boolean awaitsState() {
        return awaitsState;
    }

    /**
     * The cause as AWS words it, naming the state and its StateEntered event, e.g. "An error occurred
     * while executing the state 'State_0' (entered at the event id #2). The JSONata expression ...".
     * The id is that of this engine's own history, whose numbering differs from AWS's once a task has run.
     */
    StatesError inState(String stateName, long enteredEventId) {
        return new StatesError(error, "An error occurred while executing the state '" + stateName
                + "' (entered at the event id #" + enteredEventId + "). " + errorCause);
    }

    String error() {
        return error;
    }

    String errorCause() {
        return errorCause;
    }

    String location() {
        return location;
    }
}
