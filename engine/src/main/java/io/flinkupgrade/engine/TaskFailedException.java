package io.flinkupgrade.engine;

/** A task attempt that failed with an error name the workflow's Retry and Catch fields can match. */
public final class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final String cause;

    public TaskFailedException(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
