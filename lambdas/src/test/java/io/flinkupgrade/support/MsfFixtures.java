package io.flinkupgrade.support;

import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.application.OurChange;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.KinesisAnalyticsV2Exception;

/** Shared test data: the orders-enricher application of the samples, and SDK failures by error code. */
public final class MsfFixtures {
    public static final String APP = "orders-enricher";
    public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    public static final CodeLocation OLD_CODE =
            new CodeLocation("arn:aws:s3:::flink-artifacts-123456789012", "orders-enricher/orders-enricher-1.4.0-flink-1.15.jar", null);
    public static final CodeLocation NEW_CODE =
            new CodeLocation("arn:aws:s3:::flink-artifacts-123456789012", "orders-enricher/orders-enricher-1.5.0-flink-1.20.jar", null);

    private MsfFixtures() {}

    public static MsfApplication app(String status, String runtime, long version, CodeLocation code) {
        return new MsfApplication(APP, "arn:aws:kinesisanalytics:us-east-1:123456789012:application/" + APP, status, runtime, version,
                "token-" + version, code, true, 60_000, null, null, List.of(), null, null);
    }

    /** Our upgrade of the samples: FLINK-1_20 with the new code at {@code versionIds}, from FLINK-1_15 with snapshot upgrade-run-1. */
    public static OurChange ours(Long... versionIds) {
        return new OurChange(List.of(versionIds), "FLINK-1_20", NEW_CODE, List.of(), 60_000, true);
    }

    public static ApplicationDetail detail(String status, String runtime, long version, CodeLocation code) {
        return ApplicationDetail.builder()
                .applicationName(APP)
                .applicationARN("arn:aws:kinesisanalytics:us-east-1:123456789012:application/" + APP)
                .applicationStatus(ApplicationStatus.fromValue(status))
                .runtimeEnvironment(runtime)
                .applicationVersionId(version)
                .conditionalToken("token-" + version)
                .applicationConfigurationDescription(c -> c
                        .applicationCodeConfigurationDescription(a -> a.codeContentDescription(d -> d
                                .s3ApplicationCodeLocationDescription(s -> s.bucketARN(code.bucketArn()).fileKey(code.fileKey()))))
                        .applicationSnapshotConfigurationDescription(s -> s.snapshotsEnabled(true)))
                .build();
    }

    /** An SDK service failure as the client raises it: the error code decides, as in production. */
    public static KinesisAnalyticsV2Exception serviceError(String code, int status) {
        return (KinesisAnalyticsV2Exception) KinesisAnalyticsV2Exception.builder()
                .statusCode(status)
                .message(code + " from the test")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " from the test").build())
                .build();
    }
}
