package io.flinkupgrade.preflight;

import io.flinkupgrade.health.HealthBaseline;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.time.Instant;
import java.util.List;

/**
 * Preflight's output and the workflow's plan ({@code $plan} in the ASL): the request with its
 * defaults, the application as it was before anything changed, and what the upgrade must know.
 *
 * @param request           the execution input with every default applied
 * @param currentRuntime    the runtime before the upgrade: the rollback target
 * @param currentVersionId  the version before the upgrade
 * @param conditionalToken  the optimistic lock UpdateApplication presents
 * @param status            RUNNING or READY
 * @param applicationArn    informational: which application, for the dry-run plan and the logs
 * @param currentCode       the code before the upgrade: the rollback target
 * @param currentPropertyGroups the runtime properties before the upgrade: restored by the fallback rollback
 * @param snapshotName      the pre-upgrade snapshot's name, {@code upgrade-<execution name>}
 * @param advisories        compatibility notes about the target runtime
 * @param warnings          what makes this run less safe than it could be
 * @param baseline          health facts read before anything changed
 * @param plannedAt         informational: when Preflight read the application
 * @param resume            the upgrade an interrupted earlier execution already applied, to be followed
 *                          instead of updated again; null for a fresh upgrade
 */
public record PreflightPlan(
        UpgradeRequest request,
        String applicationArn,
        String currentRuntime,
        long currentVersionId,
        String conditionalToken,
        String status,
        CodeLocation currentCode,
        List<PropertyGroup> currentPropertyGroups,
        boolean snapshotsEnabled,
        long checkpointIntervalMillis,
        String snapshotName,
        List<String> advisories,
        List<String> warnings,
        HealthBaseline baseline,
        Instant plannedAt,
        Resume resume) {

    public PreflightPlan {
        advisories = List.copyOf(advisories);
        warnings = List.copyOf(warnings);
    }

    /**
     * Where a resumed upgrade stands: the ASL takes {@code $snapshot} and {@code $update} from here
     * and goes straight to WaitForRunning.
     *
     * @param snapshotName    the READY pre-upgrade snapshot of {@code fromVersionId}
     * @param fromVersionId   the version the upgrade replaced (also {@code currentVersionId})
     * @param toVersionId     the version the upgrade created
     * @param updateStartedAt when the update began
     */
    public record Resume(String snapshotName, long fromVersionId, long toVersionId, Instant updateStartedAt) {}
}
