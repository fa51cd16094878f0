package io.flinkupgrade.engine;

/**
 * A request the engine refuses as the Step Functions API would, named by AWS's error code
 * (ExecutionAlreadyExists, ExecutionDoesNotExist, StateMachineDoesNotExist, InvalidName, ...), so a
 * local Step Functions API can answer with it unchanged.
 */
public final class StepFunctionsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorCode;

    public StepFunctionsException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /** AWS's error code, e.g. "ExecutionAlreadyExists". */
    public String errorCode() {
        return errorCode;
    }
}
