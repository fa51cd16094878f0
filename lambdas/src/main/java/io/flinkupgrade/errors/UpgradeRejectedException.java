package io.flinkupgrade.errors;

/**
 * Thrown when the request cannot be carried out as asked and nothing has been changed: invalid
 * input, unknown runtime, downgrade, no-op, an application in a transitional status, or the
 * service refusing the update's configuration. Caught by every task before the update into the
 * REJECTED outcome. The message names the field ({@link #field()}) that decided.
 */
public final class UpgradeRejectedException extends UpgradeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public UpgradeRejectedException(String field, String message) {
        this(field, message, null);
    }

    public UpgradeRejectedException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
    }

    /** The input field (JSON path such as {@code code.fileKey}) the rejection is about. */
    public String field() {
        return field;
    }
}
