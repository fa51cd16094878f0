package io.flinkupgrade.errors;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads SDK failures by error code and status, never by message text or SDK class name, so that
 * SDK exception names stay out of the ASL (see docs/architecture.md, "Errors the workflow branches on").
 */
public final class ServiceErrors {
    private ServiceErrors() {}

    /** The service's error code (for example {@code ResourceInUseException}), or the client-side class name. */
    public static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    /** Throttling, quota, 5xx, or a client-side (network, timeout) failure: worth another attempt. */
    public static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException()
                    || service.statusCode() >= 500
                    || "LimitExceededException".equals(code(e));
        }
        return true;
    }

    /**
     * The translation every task shares: transient failures and ResourceInUseException become the
     * named errors the ASL retries; anything else is left to the caller, which knows what it means.
     */
    public static UpgradeException translateCommon(SdkException e, String action) {
        if (isTransient(e)) {
            return new TransientServiceException(action + " failed transiently (" + code(e) + "): " + e.getMessage(), e);
        }
        if ("ResourceInUseException".equals(code(e))) {
            return new ApplicationBusyException(action + " refused: another operation is in progress: " + e.getMessage(), e);
        }
        return null;
    }
}
