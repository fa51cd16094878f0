package io.flinkupgrade.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.ApplicationView;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.SnapshotView;
import io.flinkupgrade.emulator.VersionView;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.local.runtime.LocalReport;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.observe.UpgradeMetric;
import io.flinkupgrade.application.MsfApplication;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/**
 * What must hold after every finished execution, whatever went wrong (issue 6): the upgrade never
 * loses state and always ends in a known outcome.
 */
final class UpgradeInvariants {
    static final String LEASE_HELD = "FlinkUpgrade.LeaseHeld";
    private static final List<String> OUTCOMES = List.of("UPGRADED", "ROLLED_BACK", "REJECTED", "FAILED", "DRY_RUN");
    /** A snapshot a manual step tells a person to restore: "restoring snapshot NAME". */
    private static final Pattern RESTORING = Pattern.compile("restoring snapshot ([a-zA-Z0-9_.-]+)");

    private UpgradeInvariants() {}

    /**
     * <ul>
     *   <li>the outcome is a known one;</li>
     *   <li>a READY {@code upgrade-*} snapshot of the starting version exists, taken before the update,
     *       whenever the application was RUNNING with snapshots enabled and this execution's
     *       UpdateApplication was accepted;</li>
     *   <li>UPGRADED ends on the requested runtime and code; ROLLED_BACK on the runtime and code of the
     *       version the upgrade started from;</li>
     *   <li>REJECTED, DRY_RUN, and FAILED before any accepted UpdateApplication leave the application as it
     *       started: same status, runtime and code, and the same version, unless someone else changed it
     *       (then only: no change by the workflow);</li>
     *   <li>once another party changed or stopped the application after our accepted update, the run is
     *       never UPGRADED and makes no mutating call after it: no rollback over their change, no restart
     *       (MSF autoscaling is not another party's change);</li>
     *   <li>every outcome but DRY_RUN is published to SNS with the outcome and non-empty reasons;</li>
     *   <li>FAILED names the manual step; one read from the application fits it as it ended;</li>
     *   <li>FAILED "could not observe" under {@code health.onBlind} FAIL (the default) changed nothing after
     *       the update: no RollbackApplication and no second UpdateApplication (a job it cannot see is not
     *       rolled back).</li>
     *   <li>whatever the outcome, the execution leaves no lease held by itself (issue 9);</li>
     *   <li>an execution that held the lease when it ended leaves exactly one history record (UPGRADE#...) with its
     *       outcome, ARN and reasons, unless the outcome warns that the write failed; any other leaves none (issue 13);</li>
     *   <li>an upgrade REJECTED because another holds the lease made no call to MSF at all, and names the holder;</li>
     *   <li>an outcome the workflow built names where its report is ({@code report}), and the report written there
     *       when the execution ended (unless the run left the report rule out) shows that outcome.</li>
     * </ul>
     */
    static void check(LocalUpgrade.Result result, JsonNode input) {
        String outcome = result.outcomeName();
        assertThat(OUTCOMES).as("outcome of %s", result.outcome()).contains(outcome);
        SoftAssertions soft = new SoftAssertions();
        Optional<RecordedCall> update = acceptedUpdate(result);
        result.applicationBefore().ifPresent(before -> {
            ApplicationView after = result.application().orElseThrow();
            boolean deletedBySomeoneElse = result.mutatingCalls().stream()
                    .anyMatch(c -> c.operation().equals("DeleteApplicationSnapshot") && c.actor().equals("someone-else"));
            if ("RUNNING".equals(before.status()) && before.snapshotsEnabled() && update.isPresent() && !deletedBySomeoneElse) {
                if (input.path("snapshot").path("enabled").asBoolean(true)) {
                    soft.assertThat(after.snapshots())
                            .as("a READY pre-upgrade snapshot of version %d taken before UpdateApplication", before.versionId())
                            .anySatisfy(s -> pinned(s, before, update.get()));
                }
                // Pinned or not, MSF snapshots the running job when the update starts (how-snapshots.html).
                soft.assertThat(after.snapshots())
                        .as("a READY snapshot of version %d, ours or MSF's automatic one at UpdateApplication", before.versionId())
                        .anySatisfy(s -> {
                            assertThat(s.status()).isEqualTo("READY");
                            assertThat(s.versionId()).isEqualTo(before.versionId());
                            assertThat(s.created()).isBeforeOrEqualTo(update.get().at());
                        });
            }
            switch (outcome) {
                case "UPGRADED" -> {
                    soft.assertThat(after.runtime()).as("runtime after UPGRADED").isEqualTo(input.path("targetRuntime").asText());
                    soft.assertThat(after.codeFileKey()).as("code after UPGRADED").isEqualTo(input.path("code").path("fileKey").asText());
                    soft.assertThat(after.status()).as("status after UPGRADED").isIn("RUNNING", "READY");
                }
                case "ROLLED_BACK" -> {
                    VersionView original = version(after, result.outcome().path("versionBefore").asLong());
                    soft.assertThat(after.runtime()).as("runtime after ROLLED_BACK").isEqualTo(original.runtime());
                    soft.assertThat(after.codeFileKey()).as("code after ROLLED_BACK").isEqualTo(original.codeFileKey());
                    soft.assertThat(after.status()).as("status after ROLLED_BACK").isEqualTo("RUNNING");
                }
                default -> { }
            }
            if (update.isEmpty() && !outcome.equals("UPGRADED") && !outcome.equals("ROLLED_BACK")) {
                unchanged(soft, result, before, after);
            }
            update.flatMap(ours -> changeByAnotherParty(result, ours)).ifPresent(foreign -> {
                soft.assertThat(outcome).as("outcome after %s by another party", foreign.operation()).isNotEqualTo("UPGRADED");
                soft.assertThat(result.mutatingCalls())
                        .as("no mutating call of ours after %s by another party at %s", foreign.operation(), foreign.at())
                        .noneMatch(c -> c.actor().equals("client") && c.at().isAfter(foreign.at()));
            });
        });
        if (!outcome.equals("DRY_RUN")) {
            soft.assertThat(result.notifications())
                    .as("an SNS notification of the outcome with reasons")
                    .anySatisfy(n -> {
                        assertThat(n.channel()).startsWith("SNS ");
                        assertThat(n.payload().path("outcome").asText()).isEqualTo(outcome);
                        assertThat(n.payload().path("reasons").isArray()).isTrue();
                        assertThat(n.payload().path("reasons")).isNotEmpty();
                        assertThat(n.payload().path("reasons").get(0).asText()).isNotBlank();
                    });
        }
        if (!outcome.equals("DRY_RUN")) {
            // RecordOutcome counts every outcome but a dry run, once (README, "Logs and metrics").
            soft.assertThat(result.metrics())
                    .as("the EMF documents counting this upgrade")
                    .filteredOn(document -> document.has(UpgradeMetric.UPGRADES.metricName()))
                    .singleElement()
                    .satisfies(document -> assertThat(document.path(UpgradeMetric.OUTCOME).asText()).isEqualTo(outcome));
        }
        if (outcome.equals("FAILED")) {
            soft.assertThat(result.outcome().path("manualStep").asText()).as("manualStep of a FAILED outcome").isNotBlank();
            if (result.outcome().path("applicationNow").isObject()) {
                result.applicationBefore().ifPresent(before -> manualStepFitsTheApplication(soft, result, before));
            }
        }
        boolean heldTheLeaseAtTheEnd = result.execution().history().stream()
                .anyMatch(e -> e.type() == HistoryEventType.STATE_ENTERED && "RecordHistory".equals(e.stateName()));
        boolean writeFailed = result.outcome().path("warnings").toString().contains("history record of this upgrade could not be written");
        if (heldTheLeaseAtTheEnd && !writeFailed) {
            soft.assertThat(result.historyRecords()).as("the history records of %s, which took the lease", result.executionArn())
                    .hasSize(1).allSatisfy(record -> {
                        assertThat(record.get("record").path("S").asText()).startsWith("UPGRADE#").endsWith("#" + result.executionName());
                        assertThat(record.get("outcome").path("S").asText()).isEqualTo(outcome);
                        assertThat(record.get("reasons").path("L")).isNotEmpty();
                        assertThat(record.get("startedAt").path("S").asText()).isEqualTo(result.outcome().path("startedAt").asText());
                    });
        } else {
            soft.assertThat(result.historyRecords()).as("the history records of %s, which %s", result.executionArn(),
                    writeFailed ? "could not write its own" : "never held the lease when it ended").isEmpty();
        }
        result.leaseAfter().ifPresent(lease -> soft.assertThat(lease.get("holder").path("S").asText())
                .as("the lease of %s after the execution ended", result.executionArn())
                .isNotEqualTo(result.executionArn()));
        if (LEASE_HELD.equals(result.outcome().path("error").asText())) {
            soft.assertThat(result.calls()).as("calls to MSF or CloudWatch of an upgrade rejected for the lease").isEmpty();
            soft.assertThat(result.outcome().path("reasons").path(0).asText()).as("the rejection names the holder")
                    .contains("arn:aws:states:");
        }
        boolean blind = outcome.equals("FAILED")
                && result.outcome().path("reasons").path(0).asText().startsWith("could not observe");
        if (blind && !"ROLLBACK".equals(input.path("health").path("onBlind").asText())) {
            soft.assertThat(result.mutatingCalls())
                    .as("no rollback of an application the workflow could not observe (health.onBlind FAIL)")
                    .filteredOn(c -> c.actor().equals("client"))
                    .extracting(RecordedCall::operation)
                    .doesNotContain("RollbackApplication")
                    .filteredOn("UpdateApplication"::equals).hasSizeLessThanOrEqualTo(1);
        }
        String location = "s3://" + LocalReport.BUCKET + "/reports/" + result.executionName() + ".html";
        boolean workflowBuiltTheOutcome = result.execution().status() == ExecutionStatus.SUCCEEDED
                || "FlinkUpgrade.Failed".equals(result.execution().error());
        if (workflowBuiltTheOutcome) {
            soft.assertThat(result.outcome().path("report").asText()).as("where the outcome says its report is").isEqualTo(location);
        }
        // Empty when the run left the report rule out (ReportRule.OFF).
        result.report().ifPresent(html -> soft.assertThat(html).as("the report at %s", location)
                .contains("<span class=\"outcome " + outcome + "\">"));
        soft.assertAll();
    }

    /**
     * A manual step read from the application (the outcome carries {@code applicationNow}) fits the
     * application as the execution left it: it names for restoring only snapshots that exist READY,
     * never advises restoring one to an application already back on its original runtime and code,
     * never says a rollback landed on an application that ran before and does not now, advises RollbackApplication
     * only when it returns to the version the upgrade started from (MSF's ApplicationVersionUpdatedFrom,
     * as the advice read it), and while MSF is busy with the application it says what to wait for.
     */
    private static void manualStepFitsTheApplication(SoftAssertions soft, LocalUpgrade.Result result, ApplicationView before) {
        String step = result.outcome().path("manualStep").asText();
        ApplicationView after = result.application().orElseThrow();
        List<String> ready = after.snapshots().stream().filter(s -> s.status().equals("READY")).map(SnapshotView::name).toList();
        Matcher named = RESTORING.matcher(step);
        while (named.find()) {
            soft.assertThat(ready).as("snapshot the manual step restores: %s", step).contains(named.group(1));
        }
        boolean runningRolledBack = after.status().equals("RUNNING") && after.runtime().equals(before.runtime())
                && Objects.equals(after.codeFileKey(), before.codeFileKey()) && after.versionId() > before.versionId();
        if (runningRolledBack) {
            soft.assertThat(step).as("manual step for an application running its original version again").doesNotContain("restoring snapshot");
        }
        if (MsfApplication.TRANSITIONAL_STATUSES.contains(after.status())) {
            soft.assertThat(step).as("manual step while %s", after.status()).contains("Wait until its Status is RUNNING or READY");
        }
        if (before.status().equals("RUNNING") && !after.status().equals("RUNNING")) {
            soft.assertThat(step).as("manual step for an application RUNNING before the upgrade and %s now", after.status())
                    .doesNotContain("the rollback landed");
        }
        JsonNode rollsBackTo = result.outcome().path("applicationNow").path("updatedFromVersionId");
        if (rollsBackTo.isNumber() && rollsBackTo.asLong() != before.versionId()) {
            soft.assertThat(step).as("manual step where RollbackApplication returns to version %s, not the original %s",
                    rollsBackTo.asLong(), before.versionId()).doesNotContain("aws kinesisanalyticsv2 rollback-application");
        }
    }

    /** This execution's UpdateApplication that MSF accepted, if any (the rollback's own update comes later). */
    static Optional<RecordedCall> acceptedUpdate(LocalUpgrade.Result result) {
        return result.mutatingCalls().stream()
                .filter(c -> c.operation().equals("UpdateApplication") && !c.failed() && c.actor().equals("client"))
                .findFirst();
    }

    private static void pinned(SnapshotView snapshot, ApplicationView before, RecordedCall update) {
        assertThat(snapshot.name()).startsWith("upgrade-");
        assertThat(snapshot.status()).isEqualTo("READY");
        assertThat(snapshot.versionId()).isEqualTo(before.versionId());
        assertThat(snapshot.created()).isBefore(update.at());
    }

    private static void unchanged(SoftAssertions soft, LocalUpgrade.Result result, ApplicationView before, ApplicationView after) {
        soft.assertThat(result.mutatingCalls())
                .as("no change by the workflow")
                .noneMatch(c -> !c.failed() && c.actor().equals("client") && !c.operation().equals("CreateApplicationSnapshot"));
        boolean someoneElse = result.mutatingCalls().stream().anyMatch(c -> !c.actor().equals("client") && !c.failed());
        if (!someoneElse) {
            soft.assertThat(after.status()).as("status").isEqualTo(before.status());
            soft.assertThat(after.runtime()).as("runtime").isEqualTo(before.runtime());
            soft.assertThat(after.codeFileKey()).as("code").isEqualTo(before.codeFileKey());
            soft.assertThat(after.versionId()).as("version").isEqualTo(before.versionId());
        }
    }

    /** The first change another party (not MSF autoscaling) made after our accepted update, if any. */
    static Optional<RecordedCall> changeByAnotherParty(LocalUpgrade.Result result, RecordedCall ourUpdate) {
        return result.mutatingCalls().stream()
                .filter(c -> c.actor().equals("someone-else") && !c.failed() && c.at().isAfter(ourUpdate.at()))
                .findFirst();
    }

    private static VersionView version(ApplicationView app, long id) {
        return app.versions().stream().filter(v -> v.versionId() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no version " + id + " in " + app.versions()));
    }
}
