package io.flinkupgrade.emulator;

import java.util.List;
import java.util.Map;

/** A read-only picture of an emulated application for assertions; versions are oldest first. */
public record ApplicationView(
        String name,
        String arn,
        String status,
        long versionId,
        String conditionalToken,
        String runtime,
        String codeBucketArn,
        String codeFileKey,
        boolean snapshotsEnabled,
        List<SnapshotView> snapshots,
        List<VersionView> versions,
        Map<String, String> tags) {

    public ApplicationView {
        snapshots = List.copyOf(snapshots);
        versions = List.copyOf(versions);
        tags = Map.copyOf(tags);
    }
}
