package io.flinkupgrade.local.engine;

/**
 * A failed state on its way to a Retry, a Catch or the end of the execution. error is null only for a
 * Fail state that names a Cause but no Error.
 */
final class StatesError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String TIMEOUT = "States.Timeout";
    static final String RUNTIME = "States.Runtime";
    static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";

    private final String error;
    private final String errorCause;

    StatesError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.errorCause = cause;
    }

    static StatesError query(String cause) {
        return new StatesError(QUERY_EVALUATION_ERROR, cause);
    }

    String error() {
        return error;
    }

    String errorCause() {
        return errorCause;
    }
}
