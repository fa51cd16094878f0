package io.flinkupgrade.errors;

/**
 * Thrown when an AWS call failed in a way that a later attempt may not: throttling,
 * LimitExceededException, a 5xx, or a network or client timeout. Every Task retries it with
 * exponential backoff and full jitter; once exhausted, the task's Catch decides the outcome.
 */
public final class TransientServiceException extends UpgradeException {
    private static final long serialVersionUID = 1L;

    public TransientServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
