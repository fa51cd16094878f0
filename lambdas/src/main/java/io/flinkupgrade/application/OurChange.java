package io.flinkupgrade.application;

import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What our own calls made of the application, for {@link ApplicationWatch} to compare a fresh read
 * with: the versions that are ours and the runtime, code and configuration they run. Built by the
 * ASL from the plan and our update (or our rollback), and passed back by each check with the
 * versions MSF autoscaling added.
 *
 * @param versionIds               our versions: the one our call made, then those MSF autoscaled from it
 * @param runtime                  the runtime our versions run
 * @param code                     the code they run
 * @param propertyGroups           the runtime properties they run (ours when we sent them, else the application's)
 * @param checkpointIntervalMillis the checkpoint interval they run (our calls never change it)
 * @param snapshotsEnabled         their snapshot setting (our calls never change it)
 */
public record OurChange(
        List<Long> versionIds,
        String runtime,
        CodeLocation code,
        List<PropertyGroup> propertyGroups,
        long checkpointIntervalMillis,
        boolean snapshotsEnabled) {

    public OurChange {
        if (versionIds == null || versionIds.isEmpty()) {
            throw new IllegalArgumentException("versionIds: at least the version our call made");
        }
        versionIds = List.copyOf(versionIds);
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(code, "code");
        propertyGroups = propertyGroups == null ? List.of() : List.copyOf(propertyGroups);
    }

    /** The newest of our versions. */
    public long latestVersionId() {
        return versionIds.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** The same change, with {@code versionId} (an autoscaled version) also ours. */
    public OurChange withVersion(long versionId) {
        if (versionIds.contains(versionId)) {
            return this;
        }
        List<Long> ids = new ArrayList<>(versionIds);
        ids.add(versionId);
        return new OurChange(ids, runtime, code, propertyGroups, checkpointIntervalMillis, snapshotsEnabled);
    }
}
