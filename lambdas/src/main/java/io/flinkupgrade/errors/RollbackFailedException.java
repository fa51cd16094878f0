package io.flinkupgrade.errors;

/**
 * Thrown when the application could not be returned to its pre-upgrade version: the service
 * refused RollbackApplication (for example, no snapshot), the rollback operation failed, or the
 * rolled-back application did not reach RUNNING. Caught by Rollback and VerifyRollback into the
 * FAILED outcome, whose notification names the manual step.
 */
public final class RollbackFailedException extends UpgradeException {
    private static final long serialVersionUID = 1L;

    public RollbackFailedException(String message) {
        super(message, null);
    }

    public RollbackFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
