package io.flinkupgrade.errors;

/**
 * Thrown when someone else changed the application after Preflight read it: UpdateApplication
 * answered ConcurrentModificationException for the ConditionalToken captured in Preflight, and the
 * application is not already in the requested configuration. Caught by UpdateApplication into the
 * REJECTED outcome: the workflow never overwrites a change it did not plan.
 */
public final class ConcurrentUpdateException extends UpgradeException {
    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
