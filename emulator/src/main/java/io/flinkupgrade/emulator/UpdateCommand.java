package io.flinkupgrade.emulator;

import java.util.Map;

/** An UpdateApplication request as the model needs it; null members are left unchanged. */
record UpdateCommand(
        Long currentVersionId,
        String conditionalToken,
        String runtime,
        String bucketArn,
        String fileKey,
        String objectVersion,
        Boolean snapshotsEnabled,
        Boolean systemRollbackEnabled,
        Long checkpointIntervalMillis,
        Integer parallelism,
        Map<String, Map<String, String>> propertyGroups,
        String serviceExecutionRole,
        String restoreType,
        String restoreSnapshotName,
        Boolean allowNonRestoredState) {
}
