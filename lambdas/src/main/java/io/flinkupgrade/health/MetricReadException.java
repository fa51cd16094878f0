package io.flinkupgrade.health;

/**
 * CloudWatch could not be read. Never leaves this package: CheckHealth turns it into a read
 * error for its policy, BaselineReader into the errors Preflight's Retry and Catch know.
 */
final class MetricReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    MetricReadException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** Throttling, 5xx, a network failure, or a partial result CloudWatch flagged InternalError. */
    boolean transientFailure() {
        return transientFailure;
    }
}
