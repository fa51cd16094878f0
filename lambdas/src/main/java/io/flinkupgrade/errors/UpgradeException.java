package io.flinkupgrade.errors;

/** A failure the workflow branches on; each subclass's FQCN appears in upgrade-application.asl.json. */
public abstract sealed class UpgradeException extends RuntimeException
        permits UpgradeRejectedException, SnapshotFailedException, ConcurrentUpdateException,
                ApplicationBusyException, RollbackFailedException, TransientServiceException {

    private static final long serialVersionUID = 1L;

    protected UpgradeException(String message, Throwable cause) {
        super(message, cause);
    }
}
