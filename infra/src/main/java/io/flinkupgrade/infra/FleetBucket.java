package io.flinkupgrade.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * The fleet bucket, private ({@link PrivateBuckets}). Under {@code fleet-requests/}
 * the application lists callers upload for fleets too large for the execution input (PlanFleet may read
 * only there); under {@code fleet-runs/<fleet execution>/} the wave files PlanFleet writes and each
 * wave's ItemReader reads. Both are working files of a rollout and expire after {@link #RETENTION}.
 */
final class FleetBucket extends Construct {
    static final String REQUESTS_PREFIX = "fleet-requests/";
    static final String RUNS_PREFIX = "fleet-runs/";
    /** Long enough for any rollout (an execution lasts at most a year, a fleet's in practice days) to be read back. */
    static final Duration RETENTION = Duration.days(30);

    private final Bucket bucket;

    FleetBucket(Construct scope, String id) {
        super(scope, id);
        bucket = PrivateBuckets.create(this, "fleet bucket", List.of(
                LifecycleRule.builder().id("expire-requests").prefix(REQUESTS_PREFIX).expiration(RETENTION).build(),
                LifecycleRule.builder().id("expire-runs").prefix(RUNS_PREFIX).expiration(RETENTION).build()));
    }

    Bucket bucket() {
        return bucket;
    }
}
