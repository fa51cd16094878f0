package io.flinkupgrade.errors;

/**
 * Thrown when MSF answers ResourceInUseException: another operation on the application is in
 * progress. Retried with a long backoff by every task that mutates; once retries are exhausted,
 * UpdateApplication ends REJECTED (nothing changed) and Rollback ends FAILED.
 */
public final class ApplicationBusyException extends UpgradeException {
    private static final long serialVersionUID = 1L;

    public ApplicationBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
