package io.flinkupgrade.plan;

import io.flinkupgrade.health.HealthOptions;
import java.util.List;

/**
 * The execution input after schema validation, with every default applied (the defaults equal the
 * schema's {@code default} annotations; a contract test keeps them so).
 */
public record UpgradeRequest(
        String applicationName,
        String targetRuntime,
        CodeLocation code,
        List<PropertyGroup> propertyGroups,
        Boolean removeAllPropertyGroups,
        SnapshotOptions snapshot,
        HealthOptions health,
        TimeoutOptions timeouts,
        RollbackOptions rollback,
        Boolean dryRun) {

    public UpgradeRequest {
        propertyGroups = propertyGroups == null ? null : List.copyOf(propertyGroups);
        removeAllPropertyGroups = removeAllPropertyGroups != null && removeAllPropertyGroups;
        snapshot = snapshot == null ? new SnapshotOptions(null, null) : snapshot;
        health = health == null ? HealthOptions.defaults() : health;
        timeouts = timeouts == null ? new TimeoutOptions(null, null, null) : timeouts;
        rollback = rollback == null ? new RollbackOptions(null) : rollback;
        dryRun = dryRun != null && dryRun;
    }

    /** Where the application's code lives in S3: the new artifact, or the one it runs now. */
    public record CodeLocation(String bucketArn, String fileKey, String objectVersion) {}

    /** One runtime property group; when present, the request's groups replace the application's. */
    public record PropertyGroup(String propertyGroupId, java.util.Map<String, String> propertyMap) {
        public PropertyGroup {
            propertyMap = java.util.Map.copyOf(propertyMap);
        }
    }

    /** The pre-upgrade snapshot. */
    public record SnapshotOptions(Boolean enabled, Integer waitTimeoutSeconds) {
        public SnapshotOptions {
            enabled = enabled == null || enabled;
            waitTimeoutSeconds = waitTimeoutSeconds == null ? 1800 : waitTimeoutSeconds;
        }
    }

    /**
     * Bounds of the polling loops. The status loops first wait {@code firstPollSeconds}, then back
     * off from {@code pollSeconds} (see {@code running.PollSchedule}); the snapshot loop polls every
     * {@code pollSeconds}.
     */
    public record TimeoutOptions(Integer runningSeconds, Integer pollSeconds, Integer firstPollSeconds) {
        public TimeoutOptions {
            runningSeconds = runningSeconds == null ? 900 : runningSeconds;
            pollSeconds = pollSeconds == null ? 15 : pollSeconds;
            firstPollSeconds = firstPollSeconds == null ? 90 : firstPollSeconds;
        }
    }

    /** Whether trouble triggers RollbackApplication or ends FAILED with the manual step named. */
    public record RollbackOptions(Boolean automatic) {
        public RollbackOptions {
            automatic = automatic == null || automatic;
        }
    }
}
