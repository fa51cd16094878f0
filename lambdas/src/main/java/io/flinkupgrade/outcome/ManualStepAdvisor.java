package io.flinkupgrade.outcome;

import io.flinkupgrade.application.ApplicationWatch.Kind;
import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The manual step of a FAILED outcome, pure: from what the workflow knows and the application as
 * the fresh read found it. Its rules, each a test in {@code ManualStepAdvisorTest}:
 * <ul>
 *   <li>an application running again on its original runtime and code is never told to restore a
 *       snapshot (that would rewind its state to the snapshot's time); a stopped one is told to start
 *       from the newest snapshot of the original runtime, since a stopped job keeps no running state;</li>
 *   <li>an application whose configuration is back to the original but that is not running is said to be
 *       stopped, not rolled back, and is told to start from that snapshot;</li>
 *   <li>RollbackApplication is advised only when it would return to the version the upgrade started
 *       from: after a later change (MSF autoscaled the upgrade) it would only undo that change, so the
 *       step is the explicit UpdateApplication back to the original runtime, code and properties;</li>
 *   <li>a snapshot is named only when the read found it READY; a pinned snapshot that is gone is
 *       said to be gone, and the next best (the newest READY snapshot of the original runtime) or
 *       the state-less way back is named instead;</li>
 *   <li>while MSF is busy with the application (UPDATING, ROLLING_BACK, ...) no UpdateApplication is
 *       advised: the step says what to wait for and what each way it can land means, and for the
 *       upgrade's own update stuck UPDATING, that RollbackApplication (which MSF accepts then) cancels it;</li>
 *   <li>when the read failed, the step says what to read and what each answer means;</li>
 *   <li>an application another party stopped or changed is never rolled back over: the step says who
 *       to ask, how to restart a stopped one, and how to go back from the best state that still exists.</li>
 * </ul>
 */
public final class ManualStepAdvisor {
    private ManualStepAdvisor() {}

    public static String advise(ManualStepRequest request, ApplicationNow now) {
        return whatHappened(request) + " " + whatToDo(request, now);
    }

    static String whatHappened(ManualStepRequest request) {
        return switch (request.problem()) {
            case SNAPSHOT_FAILED -> "The pre-upgrade snapshot failed, so the upgrade stopped before UpdateApplication.";
            case ROLLBACK_DISABLED -> "The upgrade is in trouble and automatic rollback is off.";
            case ROLLBACK_FAILED -> "The rollback was refused, failed, or could not be followed to its end.";
            case ROLLBACK_UNHEALTHY -> "The rollback landed but the original version is unhealthy as well, so the cause may not be the upgrade.";
            case COULD_NOT_OBSERVE -> "The workflow could not observe the application (its status or metrics could not be read, or had no data) "
                    + "so it stopped without judging it.";
            case FAILED -> "The workflow failed on an error no branch handles.";
            case CHANGED_BY_ANOTHER_PARTY -> request.interruption() == Kind.STOPPED
                    ? "Someone else stopped the application while this run watched it, so the version it ran was never judged healthy."
                    : "Someone else changed the application while this run watched it; this run did not roll back over their change.";
        };
    }

    private static String whatToDo(ManualStepRequest r, ApplicationNow now) {
        String app = "'" + r.applicationName() + "'";
        if (!now.read()) {
            return "Reading " + app + " for this advice failed (" + now.readError() + "), so read it yourself first: "
                    + describeCommand(r) + ". " + (r.planned() ? whatEachStateMeans(r) : "The workflow failed before it changed anything.");
        }
        if (!now.exists()) {
            return app + " no longer exists in this account and Region: there is nothing to restore.";
        }
        String state = now.status() + " on " + now.runtime() + " with " + key(now.code()) + " (version " + now.versionId() + ")";
        if (r.problem() == Problem.CHANGED_BY_ANOTHER_PARTY && r.planned()) {
            return changedByAnotherParty(r, now, app, state);
        }
        if (MsfApplication.TRANSITIONAL_STATUSES.contains(now.status())) {
            return app + " is " + state + ": MSF refuses UpdateApplication until that operation ends. "
                    + "Wait until its Status is RUNNING or READY (" + describeCommand(r) + "), then act on where it landed. "
                    + (stuckUpgrade(r, now) ? cancelStuckUpgrade(r, now) : "")
                    + (r.planned() ? whatEachStateMeans(r) : "The workflow failed before it changed anything.");
        }
        if (!r.planned()) {
            return app + " is " + state + "; the workflow failed before it changed anything. Check the execution history, "
                    + "then start the upgrade again.";
        }
        if (onOriginal(r, now)) {
            return backOnOriginal(r, now, app, state);
        }
        if (onTarget(r, now)) {
            return upgradeInPlace(r, now, app, state);
        }
        return app + " is " + state + ": neither the version the upgrade started from (" + r.originalRuntime() + " with "
                + key(r.originalCode()) + ") nor the upgrade (" + r.targetRuntime() + " with " + key(r.targetCode())
                + "), so someone else changed it. Agree with whoever made that change before acting; the workflow changes nothing further.";
    }

    private static String backOnOriginal(ManualStepRequest r, ApplicationNow now, String app, String state) {
        StringBuilder step = new StringBuilder();
        boolean stopped = "READY".equals(now.status()) && "RUNNING".equals(r.originalStatus());
        if (Objects.equals(now.versionId(), r.originalVersionId())) {
            step.append(app).append(" was not changed: it is still ").append(state).append('.');
        } else if (stopped) {
            // A rollback operation that fails leaves the application READY (INFERRED from the system rollback's
            // "If the automatic rollback also fails, ... transitions the application to the READY status",
            // https://docs.aws.amazon.com/managed-flink/latest/java/how-system-rollbacks.html): configured as before, not running.
            step.append(app).append(" is ").append(state).append(": the runtime and code it had before the upgrade are back, "
                    + "but the job is not running.");
        } else {
            step.append(app).append(" is ").append(state).append(", the runtime and code it had before the upgrade: the rollback landed.");
            if (r.snapshotName() != null && !stopped) {
                step.append(" Do not restore snapshot ").append(r.snapshotName())
                        .append(": that would rewind the job's state to before the upgrade and lose what it processed since.");
            }
        }
        if (stopped) {
            // A stopped job keeps no running state: it starts from a snapshot, and only one of the original runtime restores.
            step.append(" It is stopped (it was RUNNING before the upgrade): once you know why, start it with "
                    + "aws kinesisanalyticsv2 start-application --application-name ").append(r.applicationName())
                    .append(newestOfOriginal(r, now)
                            .map(s -> " --run-configuration '{\"ApplicationRestoreConfiguration\": {\"ApplicationRestoreType\": "
                                    + "\"RESTORE_FROM_CUSTOM_SNAPSHOT\", \"SnapshotName\": \"" + s.name() + "\"}}', restoring snapshot "
                                    + s.name() + ", the newest READY snapshot of " + r.originalRuntime() + " state")
                            .orElse(now.snapshots() == null ? " (list-application-snapshots shows which snapshot of " + r.originalRuntime()
                                    + " state it can restore)" : " (no snapshot of " + r.originalRuntime() + " state exists: it starts without state)"))
                    .append('.');
        }
        step.append(switch (r.problem()) {
            case SNAPSHOT_FAILED -> " Find why the snapshot failed (application logs, the snapshot quota), then start the upgrade again.";
            case ROLLBACK_UNHEALTHY -> " Investigate the job (logs, sources, sinks) before retrying the upgrade.";
            case ROLLBACK_DISABLED, ROLLBACK_FAILED, COULD_NOT_OBSERVE, FAILED, CHANGED_BY_ANOTHER_PARTY -> Objects.equals(now.versionId(), r.originalVersionId())
                    ? " Find the cause in the reasons above, then start the upgrade again."
                    : stopped
                            ? " Once it runs, watch fullRestarts and downtime in CloudWatch for at least the bake time, "
                                    + "and find the cause in the reasons above before retrying the upgrade."
                            : " The workflow could not confirm it is healthy: check fullRestarts and downtime in CloudWatch, "
                                    + "then find the cause in the reasons above before retrying the upgrade.";
        });
        return step.toString();
    }

    /**
     * Stopped or changed by someone else: never advise undoing their act, only what it means, how to
     * run a stopped one again, and, if they agree, the way back to the original version.
     */
    private static String changedByAnotherParty(ManualStepRequest r, ApplicationNow now, String app, String state) {
        String settle = MsfApplication.TRANSITIONAL_STATUSES.contains(now.status())
                ? app + " is " + state + ". Wait until its Status is RUNNING or READY (" + describeCommand(r) + "). "
                : app + " is " + state + ". ";
        String step = r.interruption() == Kind.STOPPED
                ? settle + "Ask who stopped it and why. To run it again: aws kinesisanalyticsv2 start-application --application-name "
                        + r.applicationName() + ", then watch fullRestarts and downtime for at least the bake time."
                : settle + "Agree with whoever changed it which version should run (" + describeCommand(r) + " shows what runs now).";
        if (onOriginal(r, now)) {
            return step + " It runs the version the upgrade started from: restoring a snapshot would rewind its state.";
        }
        return step + " To go back to the pre-upgrade " + r.originalRuntime() + " with " + key(r.originalCode()) + ": "
                + restoreAdvice(r, now);
    }

    private static String upgradeInPlace(ManualStepRequest r, ApplicationNow now, String app, String state) {
        String intro = switch (r.problem()) {
            case ROLLBACK_DISABLED -> app + " is " + state + ": the upgrade is in place and nothing rolled it back. To return it to "
                    + r.originalRuntime() + ": ";
            // Unjudged is not unhealthy: the person judges it from the metrics the workflow could not use.
            case COULD_NOT_OBSERVE -> app + " is " + state + ": the upgrade landed, but its health could not be judged. Check its "
                    + "CloudWatch metrics (namespace AWS/KinesisAnalytics, dimension Application=" + r.applicationName()
                    + ": fullRestarts or numRestarts, uptime, downtime, numberOfFailedCheckpoints): keep it if restarts and failed "
                    + "checkpoints stay flat and uptime grows. Otherwise return it to " + r.originalRuntime() + ": ";
            default -> app + " is " + state + ": the upgrade is still in place. Return it to " + r.originalRuntime() + ": ";
        };
        // MSF rejects RollbackApplication when the application has no snapshot
        // (https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_RollbackApplication.html).
        boolean noSnapshot = now.snapshots() != null && now.snapshots().stream().noneMatch(s -> "READY".equals(s.status()));
        if (noSnapshot) {
            return intro + restoreAdvice(r, now);
        }
        // RollbackApplication returns to ApplicationVersionUpdatedFrom, "the previous application version before the latest
        // application update" (https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_ApplicationDetail.html).
        Long rollsBackTo = now.updatedFromVersionId();
        if (rollsBackTo != null && !rollsBackTo.equals(r.originalVersionId())) {
            return intro + "not with RollbackApplication, which returns to version " + rollsBackTo + ", the one version "
                    + now.versionId() + " replaced, not to version " + r.originalVersionId() + " the upgrade started from: it would only "
                    + "undo what changed after the upgrade's update (MSF autoscaled it, or someone updated it). Instead, "
                    + restoreAdvice(r, now);
        }
        return intro + "aws kinesisanalyticsv2 rollback-application --application-name " + r.applicationName()
                + " --current-application-version-id " + now.versionId()
                + (rollsBackTo == null ? " if describe-application shows ApplicationVersionUpdatedFrom " + r.originalVersionId()
                        + " (the version RollbackApplication returns to), otherwise, or " : "; ")
                + "if MSF refuses that, " + restoreAdvice(r, now);
    }

    /** UpdateApplication back to the original runtime and code, from the best state that still exists. */
    private static String restoreAdvice(ManualStepRequest r, ApplicationNow now) {
        String back = "UpdateApplication back to " + r.originalRuntime() + " with " + key(r.originalCode())
                + (r.originalPropertyGroups() == null ? "" : r.originalPropertyGroups().isEmpty()
                        ? " and no runtime properties (the upgrade set properties; it had none before)"
                        : " and the runtime properties it had before the upgrade (property groups "
                                + r.originalPropertyGroups().stream().map(PropertyGroup::propertyGroupId).collect(Collectors.joining(", ")) + ")");
        if (now.snapshots() == null) {
            String which = r.snapshotName() != null ? "snapshot " + r.snapshotName() : "the newest READY snapshot taken on " + r.originalRuntime();
            return back + " restoring " + which + " if aws kinesisanalyticsv2 list-application-snapshots --application-name "
                    + r.applicationName() + " shows it (listing the snapshots for this advice failed: " + now.snapshotsError() + ").";
        }
        Optional<SnapshotFact> pinned = now.snapshots().stream()
                .filter(s -> s.name().equals(r.snapshotName()) && "READY".equals(s.status())).findFirst();
        if (pinned.isPresent()) {
            return back + " restoring snapshot " + r.snapshotName() + " (RESTORE_FROM_CUSTOM_SNAPSHOT), which holds the pre-upgrade state.";
        }
        String gone = r.snapshotName() != null ? "snapshot " + r.snapshotName() + " no longer exists, so " : "";
        Optional<SnapshotFact> older = newestOfOriginal(r, now);
        if (older.isPresent()) {
            SnapshotFact s = older.get();
            return gone + back + " restoring snapshot " + s.name() + " (RESTORE_FROM_CUSTOM_SNAPSHOT), the newest READY snapshot of "
                    + r.originalRuntime() + " state (version " + s.versionId() + (s.createdAt() == null ? "" : ", taken " + s.createdAt())
                    + "): the job resumes from then and its sources replay what came after.";
        }
        return gone + "no snapshot holds " + r.originalRuntime() + " state: " + back
                + " with SKIP_RESTORE_FROM_SNAPSHOT (the job starts without state), or fix forward on " + r.targetRuntime() + ".";
    }

    /** The upgrade's own update still in flight: RollbackApplication is the one change MSF accepts while UPDATING. */
    private static boolean stuckUpgrade(ManualStepRequest r, ApplicationNow now) {
        return r.planned() && "UPDATING".equals(now.status()) && onTarget(r, now);
    }

    /**
     * RollbackApplication is accepted in UPDATING, AUTOSCALING and RUNNING, loads the last successful
     * snapshot, and is rejected when the application has none
     * (https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_RollbackApplication.html).
     */
    private static String cancelStuckUpgrade(ManualStepRequest r, ApplicationNow now) {
        return "If it stays UPDATING well past the time an update takes, aws kinesisanalyticsv2 rollback-application --application-name "
                + r.applicationName() + " --current-application-version-id " + now.versionId()
                + " cancels the update and returns it to the previous version (MSF accepts RollbackApplication while UPDATING"
                + (now.snapshots() != null && now.snapshots().stream().noneMatch(s -> "READY".equals(s.status()))
                        ? ", but not without a snapshot, and this application has none" : "")
                + "). ";
    }

    /** The newest READY snapshot of the original runtime's state, if the snapshots were listed. */
    private static Optional<SnapshotFact> newestOfOriginal(ManualStepRequest r, ApplicationNow now) {
        if (now.snapshots() == null) {
            return Optional.empty();
        }
        return now.snapshots().stream()
                .filter(s -> "READY".equals(s.status()))
                .filter(s -> r.originalRuntime().equals(s.runtime())
                        || (s.runtime() == null && s.versionId() != null && s.versionId() <= r.originalVersionId()))
                .max(Comparator.comparing(SnapshotFact::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    /** For an application this advice could not see settled: what each state it can be in means. */
    private static String whatEachStateMeans(ManualStepRequest r) {
        String snapshot = r.snapshotName() != null ? "snapshot " + r.snapshotName() : "a snapshot";
        return "If it runs " + r.originalRuntime() + " with " + key(r.originalCode()) + ", it is on the version the upgrade started from"
                + " (ApplicationVersionId " + r.originalVersionId() + ": never changed; above it: rolled back): do not restore " + snapshot
                + ", which would rewind its state; check its health. If it runs " + r.targetRuntime() + " with " + key(r.targetCode())
                + ", the upgrade is in place: roll it back with aws kinesisanalyticsv2 rollback-application --application-name "
                + r.applicationName() + " --current-application-version-id <its ApplicationVersionId>, or UpdateApplication back to "
                + r.originalRuntime() + " with " + key(r.originalCode())
                + (r.snapshotName() != null ? " restoring snapshot " + r.snapshotName() + " if list-application-snapshots shows it READY" : "")
                + ". Anything else means someone else changed it: agree with them before acting.";
    }

    private static String describeCommand(ManualStepRequest r) {
        return "aws kinesisanalyticsv2 describe-application --application-name " + r.applicationName();
    }

    private static boolean onOriginal(ManualStepRequest r, ApplicationNow now) {
        return r.originalRuntime().equals(now.runtime()) && sameCode(r.originalCode(), now.code());
    }

    private static boolean onTarget(ManualStepRequest r, ApplicationNow now) {
        return r.targetRuntime() != null && r.targetRuntime().equals(now.runtime()) && sameCode(r.targetCode(), now.code());
    }

    /** Same bucket and key, and the same object version when {@code expected} names one. */
    private static boolean sameCode(CodeLocation expected, CodeLocation actual) {
        return expected != null && actual != null
                && Objects.equals(expected.bucketArn(), actual.bucketArn())
                && Objects.equals(expected.fileKey(), actual.fileKey())
                && (expected.objectVersion() == null || Objects.equals(expected.objectVersion(), actual.objectVersion()));
    }

    private static String key(CodeLocation code) {
        return code == null ? "no S3 code" : code.fileKey();
    }
}
