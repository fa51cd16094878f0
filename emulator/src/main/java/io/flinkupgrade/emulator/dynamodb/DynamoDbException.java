package io.flinkupgrade.emulator.dynamodb;

/**
 * An error DynamoDB answers with: its {@code __type} (the full shape id, as DynamoDB sends it), the
 * message and the HTTP status. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/CommonErrors.html
 */
public final class DynamoDbException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";

    private final String type;
    private final int httpStatus;

    private DynamoDbException(String type, int httpStatus, String message) {
        super(message);
        this.type = type;
        this.httpStatus = httpStatus;
    }

    static DynamoDbException conditionalCheckFailed() {
        return new DynamoDbException(DYNAMODB + "ConditionalCheckFailedException", 400, "The conditional request failed");
    }

    static DynamoDbException validation(String message) {
        return new DynamoDbException("com.amazon.coral.validate#ValidationException", 400, message);
    }

    static DynamoDbException resourceNotFound() {
        return new DynamoDbException(DYNAMODB + "ResourceNotFoundException", 400,
                "Requested resource not found");
    }

    static DynamoDbException resourceInUse(String message) {
        return new DynamoDbException(DYNAMODB + "ResourceInUseException", 400, message);
    }

    static DynamoDbException unknownOperation(String operation) {
        return new DynamoDbException("com.amazon.coral.service#UnknownOperationException", 400,
                "The embedded DynamoDB does not implement " + operation);
    }

    /** An injected fault: throttling (400) or a server error (500), named as DynamoDB names them. */
    public static DynamoDbException injected(String code, int httpStatus, String message) {
        return new DynamoDbException(DYNAMODB + code, httpStatus, message);
    }

    /** The wire {@code __type}, e.g. {@code com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException}. */
    public String type() {
        return type;
    }

    /** The error code alone, after the {@code #}: what the SDK reports. */
    public String code() {
        return type.substring(type.indexOf('#') + 1);
    }

    public int httpStatus() {
        return httpStatus;
    }
}
