package io.flinkupgrade.application;

import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The facts about an application that the workflow decides on, free of SDK types.
 *
 * @param updatedFromVersionId the version this one replaced (ApplicationVersionUpdatedFrom), or null
 * @param lastUpdated          when the application last changed, or null when MSF does not say
 * @param propertyGroups       the runtime properties; empty when there are none
 * @param restoreType          the ApplicationRestoreType of its run configuration, or null when MSF does not say
 * @param restoreSnapshotName  the snapshot it restores for RESTORE_FROM_CUSTOM_SNAPSHOT, else null
 */
public record MsfApplication(
        String name,
        String arn,
        String status,
        String runtime,
        long versionId,
        String conditionalToken,
        CodeLocation code,
        boolean snapshotsEnabled,
        long checkpointIntervalMillis,
        Long updatedFromVersionId,
        Instant lastUpdated,
        List<PropertyGroup> propertyGroups,
        String restoreType,
        String restoreSnapshotName) {

    public MsfApplication {
        propertyGroups = propertyGroups == null ? List.of() : List.copyOf(propertyGroups);
    }

    /** Statuses in which MSF is busy with the application: no upgrade starts from one of these. */
    public static final Set<String> TRANSITIONAL_STATUSES = Set.of(
            "DELETING", "STARTING", "STOPPING", "UPDATING", "AUTOSCALING", "FORCE_STOPPING", "ROLLING_BACK",
            "MAINTENANCE", "ROLLED_BACK");

    public boolean isTransitional() {
        return TRANSITIONAL_STATUSES.contains(status);
    }

    /** Same S3 object: bucket, key and (when either names one) object version. */
    public boolean runsCode(CodeLocation other) {
        return code != null && other != null
                && Objects.equals(code.bucketArn(), other.bucketArn())
                && Objects.equals(code.fileKey(), other.fileKey())
                && (other.objectVersion() == null || Objects.equals(code.objectVersion(), other.objectVersion()));
    }
}
