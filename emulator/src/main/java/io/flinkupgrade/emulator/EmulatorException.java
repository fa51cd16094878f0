package io.flinkupgrade.emulator;

/** An API error the emulator answers with: the wire error code, its message and HTTP status. */
final class EmulatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;

    EmulatorException(String code, int httpStatus, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** A client error (HTTP 400), the status of every modeled kinesisanalyticsv2 error but one. */
    static EmulatorException client(String code, String message) {
        return new EmulatorException(code, 400, message);
    }

    static EmulatorException notFound(String message) {
        return client("ResourceNotFoundException", message);
    }

    static EmulatorException inUse(String message) {
        return client("ResourceInUseException", message);
    }

    static EmulatorException invalidArgument(String message) {
        return client("InvalidArgumentException", message);
    }

    static EmulatorException invalidRequest(String message) {
        return client("InvalidRequestException", message);
    }

    String code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }
}
