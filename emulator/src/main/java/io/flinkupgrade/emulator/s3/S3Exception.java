package io.flinkupgrade.emulator.s3;

/** An S3 error as the REST protocol returns it: the HTTP status, the code and message of its XML body. */
public final class S3Exception extends RuntimeException {
    private final int httpStatus;
    private final String code;
    private final String resource;

    public S3Exception(int httpStatus, String code, String message, String resource) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.resource = resource;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public String resource() {
        return resource;
    }
}
