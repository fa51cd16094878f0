package io.flinkupgrade.emulator;

import java.util.Map;
import java.util.Objects;

/** The configuration one application version runs with: what UpdateApplication and rollback change. */
record AppConfig(
        String runtime,
        String bucketArn,
        String fileKey,
        String objectVersion,
        boolean snapshotsEnabled,
        boolean systemRollbackEnabled,
        long checkpointIntervalMillis,
        int parallelism,
        String serviceExecutionRole,
        Map<String, Map<String, String>> propertyGroups,
        String restoreType,
        String restoreSnapshotName,
        boolean allowNonRestoredState) {

    AppConfig {
        Objects.requireNonNull(runtime, "runtime");
        propertyGroups = Map.copyOf(propertyGroups);
    }

    AppConfig withRuntime(String value) {
        return new AppConfig(value, bucketArn, fileKey, objectVersion, snapshotsEnabled, systemRollbackEnabled,
                checkpointIntervalMillis, parallelism, serviceExecutionRole, propertyGroups, restoreType,
                restoreSnapshotName, allowNonRestoredState);
    }

    AppConfig withCode(String bucket, String key, String version) {
        return new AppConfig(runtime, bucket, key, version, snapshotsEnabled, systemRollbackEnabled,
                checkpointIntervalMillis, parallelism, serviceExecutionRole, propertyGroups, restoreType,
                restoreSnapshotName, allowNonRestoredState);
    }

    AppConfig withSnapshots(boolean enabled, boolean systemRollback) {
        return new AppConfig(runtime, bucketArn, fileKey, objectVersion, enabled, systemRollback,
                checkpointIntervalMillis, parallelism, serviceExecutionRole, propertyGroups, restoreType,
                restoreSnapshotName, allowNonRestoredState);
    }

    AppConfig withFlink(long checkpointInterval, int newParallelism) {
        return new AppConfig(runtime, bucketArn, fileKey, objectVersion, snapshotsEnabled, systemRollbackEnabled,
                checkpointInterval, newParallelism, serviceExecutionRole, propertyGroups, restoreType,
                restoreSnapshotName, allowNonRestoredState);
    }

    AppConfig withProperties(Map<String, Map<String, String>> groups) {
        return new AppConfig(runtime, bucketArn, fileKey, objectVersion, snapshotsEnabled, systemRollbackEnabled,
                checkpointIntervalMillis, parallelism, serviceExecutionRole, groups, restoreType,
                restoreSnapshotName, allowNonRestoredState);
    }

    AppConfig withRole(String role) {
        return new AppConfig(runtime, bucketArn, fileKey, objectVersion, snapshotsEnabled, systemRollbackEnabled,
                checkpointIntervalMillis, parallelism, role, propertyGroups, restoreType,
                restoreSnapshotName, allowNonRestoredState);
    }

    AppConfig withRun(String type, String snapshotName, boolean allowNonRestored) {
        return new AppConfig(runtime, bucketArn, fileKey, objectVersion, snapshotsEnabled, systemRollbackEnabled,
                checkpointIntervalMillis, parallelism, serviceExecutionRole, propertyGroups, type,
                snapshotName, allowNonRestored);
    }
}
