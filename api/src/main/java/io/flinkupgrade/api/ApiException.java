package io.flinkupgrade.api;

/** A request the API answers with a client error: the HTTP status, an error name and a message naming the parameter. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String error;

    private ApiException(int statusCode, String error, String message) {
        super(message);
        this.statusCode = statusCode;
        this.error = error;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "NotFound", message);
    }

    public int statusCode() {
        return statusCode;
    }

    public String error() {
        return error;
    }
}
