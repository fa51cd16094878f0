package io.flinkupgrade.outcome;

import io.flinkupgrade.application.ApplicationWatch.Kind;
import io.flinkupgrade.observe.ExecutionContext;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.time.Instant;
import java.util.List;

/**
 * AdviseManualStep's input: what the workflow knows when it ends FAILED. Only the application's
 * name and the problem are always known; the rest is null when the run failed before Preflight
 * made its plan, or before a snapshot or update existed.
 *
 * @param originalRuntime   the runtime before the upgrade (the plan's), or null
 * @param originalVersionId the version the upgrade started from, or null
 * @param originalStatus    RUNNING or READY before the upgrade, or null
 * @param originalCode      the code before the upgrade, or null
 * @param originalPropertyGroups the runtime properties before the upgrade when the upgrade replaced them, else null
 * @param targetRuntime     the requested runtime, or null
 * @param targetCode        the requested code, or null
 * @param snapshotName      the pinned pre-upgrade snapshot this run took or adopted, or null when none
 * @param interruption      for CHANGED_BY_ANOTHER_PARTY, what the check saw: STOPPED or FOREIGN; null otherwise
 *                          (a stopped application and one stopped by someone else read the same)
 * @param execution which execution and state this task runs for (see {@link ExecutionContext})
 */
public record ManualStepRequest(
        String applicationName,
        Problem problem,
        String originalRuntime,
        Long originalVersionId,
        String originalStatus,
        CodeLocation originalCode,
        List<PropertyGroup> originalPropertyGroups,
        String targetRuntime,
        CodeLocation targetCode,
        String snapshotName,
        Instant enteredAt,
        Kind interruption,
        ExecutionContext execution) {

    public ManualStepRequest {
        originalPropertyGroups = originalPropertyGroups == null ? null : List.copyOf(originalPropertyGroups);
    }

    /** Whether the plan was made: without it there is no original version to compare with. */
    boolean planned() {
        return originalRuntime != null && originalVersionId != null && originalCode != null;
    }
}
