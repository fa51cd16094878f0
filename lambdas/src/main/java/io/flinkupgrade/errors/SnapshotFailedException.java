package io.flinkupgrade.errors;

/**
 * Thrown when the pre-upgrade snapshot could not be taken: the service refused it, it ended
 * FAILED, it vanished, or it was not READY within {@code snapshot.waitTimeoutSeconds}. Caught by
 * TakeSnapshot and CheckSnapshot into the FAILED outcome before the application is touched.
 */
public final class SnapshotFailedException extends UpgradeException {
    private static final long serialVersionUID = 1L;

    public SnapshotFailedException(String message) {
        super(message, null);
    }

    public SnapshotFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
