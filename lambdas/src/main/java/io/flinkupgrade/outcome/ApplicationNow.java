package io.flinkupgrade.outcome;

import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import java.util.List;

/**
 * The application as the manual step's fresh read found it. When DescribeApplication failed,
 * {@code readError} says how and every other field is null; when only ListApplicationSnapshots
 * failed, {@code snapshots} is null and {@code snapshotsError} says how.
 *
 * @param exists     false when MSF answered that no such application exists
 * @param updatedFromVersionId the version the current one replaced (ApplicationVersionUpdatedFrom), the one
 *                   RollbackApplication returns to; null when MSF does not say
 * @param snapshots  every snapshot of the application, newest first; null when they could not be listed
 */
public record ApplicationNow(
        boolean exists,
        String status,
        Long versionId,
        Long updatedFromVersionId,
        String runtime,
        CodeLocation code,
        List<SnapshotFact> snapshots,
        String readError,
        String snapshotsError) {

    public ApplicationNow {
        snapshots = snapshots == null ? null : List.copyOf(snapshots);
    }

    static ApplicationNow unread(String readError) {
        return new ApplicationNow(true, null, null, null, null, null, null, readError, null);
    }

    static ApplicationNow missing() {
        return new ApplicationNow(false, null, null, null, null, null, List.of(), null, null);
    }

    boolean read() {
        return readError == null;
    }
}
