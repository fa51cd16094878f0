package io.flinkupgrade.engine;

/** A state machine definition the engine refuses to load; the message names the state and the field. */
public final class AslLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AslLoadException(String message) {
        super(message);
    }

    AslLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
