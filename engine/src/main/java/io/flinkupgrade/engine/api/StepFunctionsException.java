package io.flinkupgrade.engine.api;

/**
 * An error the Step Functions API answers with, under AWS's name (ExecutionDoesNotExist, InvalidName,
 * ...), which the SDKs turn into their exception of that name. Every one is a client error (HTTP 400).
 */
public final class StepFunctionsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public StepFunctionsException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** AWS's error name, the {@code __type} of the answer. */
    public String code() {
        return code;
    }
}
