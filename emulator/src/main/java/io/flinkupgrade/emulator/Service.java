package io.flinkupgrade.emulator;

/** The services whose calls the model journals, with the codes of their common request-level errors. */
enum Service {
    /** Managed Service for Apache Flink (https://docs.aws.amazon.com/managed-flink/latest/apiv2/CommonErrors.html). */
    KINESIS_ANALYTICS_V2("kinesisanalyticsv2", "ThrottlingException", "ServiceUnavailableException"),
    /** CloudWatch (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html). */
    CLOUDWATCH("cloudwatch", "Throttling", "InternalServiceError");

    private final String wireName;
    private final String throttlingCode;
    private final String serverErrorCode;

    Service(String wireName, String throttlingCode, String serverErrorCode) {
        this.wireName = wireName;
        this.throttlingCode = throttlingCode;
        this.serverErrorCode = serverErrorCode;
    }

    /** The name a {@link RecordedCall} carries, the SDK's service id in the endpoint prefix sense. */
    String wireName() {
        return wireName;
    }

    String throttlingCode() {
        return throttlingCode;
    }

    String serverErrorCode() {
        return serverErrorCode;
    }
}
