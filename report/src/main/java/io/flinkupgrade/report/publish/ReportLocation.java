package io.flinkupgrade.report.publish;

/**
 * Where an execution's report lives: {@code reports/<execution name>.html} in the reports bucket. The
 * workflow writes the same location into the outcome ({@code report}, from the ReportBucketName
 * substitution and the execution's name), before the report exists: it is written when the
 * execution ends.
 */
public record ReportLocation(String bucket, String key) {
    public static final String PREFIX = "reports/";

    public static ReportLocation of(String bucket, String executionName) {
        return new ReportLocation(bucket, PREFIX + executionName + ".html");
    }

    /** {@code s3://bucket/reports/<name>.html}, as the outcome names it. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
