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
 * The stack's private buckets (the fleet's working files, the reports): S3-managed encryption, no public
 * access, TLS only, objects owned by the bucket owner, kept when the stack is deleted, and server access logs
 * in a bucket of their own. Both buckets are created in the caller's scope as {@code AccessLogs} and
 * {@code Bucket}, the IDs the stack's buckets always had, so their logical IDs do not change.
 */
final class PrivateBuckets {
    static final Duration ACCESS_LOG_RETENTION = Duration.days(90);

    private PrivateBuckets() {
    }

    /** A private bucket named {@code what} in its access logs' prefix and findings ("fleet bucket"), with {@code lifecycle}. */
    static Bucket create(Construct scope, String what, List<LifecycleRule> lifecycle) {
        Bucket accessLogs = Bucket.Builder.create(scope, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs").expiration(ACCESS_LOG_RETENTION).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(accessLogs, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("This bucket receives the " + what + "'s server access logs; logging it to itself would loop")
                .build()));
        return Bucket.Builder.create(scope, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix(what.replace(' ', '-') + "/")
                .lifecycleRules(lifecycle)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }
}
