package io.flinkupgrade.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The fleet bucket: private, encrypted, TLS only, with server access logs. Under {@code fleet-requests/}
 * the application lists callers upload for fleets too large for the execution input (PlanFleet may read
 * only there); under {@code fleet-runs/<fleet execution>/} the wave files PlanFleet writes and each
 * wave's ItemReader reads. Both are working files of a rollout and expire after {@link #RETENTION}.
 */
final class FleetBucket extends Construct {
    static final String REQUESTS_PREFIX = "fleet-requests/";
    static final String RUNS_PREFIX = "fleet-runs/";
    /** Long enough for any rollout (an execution lasts at most a year, a fleet's in practice days) to be read back. */
    static final Duration RETENTION = Duration.days(30);
    static final Duration ACCESS_LOG_RETENTION = Duration.days(90);

    private final Bucket bucket;

    FleetBucket(Construct scope, String id) {
        super(scope, id);
        Bucket accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs").expiration(ACCESS_LOG_RETENTION).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("fleet-bucket/")
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("expire-requests").prefix(REQUESTS_PREFIX).expiration(RETENTION).build(),
                        LifecycleRule.builder().id("expire-runs").prefix(RUNS_PREFIX).expiration(RETENTION).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(accessLogs, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("This bucket receives the fleet bucket's server access logs; logging it to itself would loop")
                .build()));
    }

    Bucket bucket() {
        return bucket;
    }
}
