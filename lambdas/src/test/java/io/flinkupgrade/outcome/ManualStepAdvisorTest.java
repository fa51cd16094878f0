package io.flinkupgrade.outcome;

import static io.flinkupgrade.support.MsfFixtures.APP;
import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.OLD_CODE;
import static io.flinkupgrade.support.MsfFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.application.ApplicationWatch.Kind;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per rule of {@link ManualStepAdvisor}: the step follows the application as it is, not as the workflow assumed. */
class ManualStepAdvisorTest {
    private static final String PINNED = "upgrade-orders-enricher-FLINK-1_20";

    private static ManualStepRequest request(Problem problem, String snapshot) {
        return new ManualStepRequest(APP, problem, "FLINK-1_15", 7L, "RUNNING", OLD_CODE, null, "FLINK-1_20", NEW_CODE, snapshot, T0, null, null);
    }

    private static ManualStepRequest interrupted(Kind kind, String snapshot) {
        return new ManualStepRequest(APP, Problem.CHANGED_BY_ANOTHER_PARTY, "FLINK-1_15", 7L, "RUNNING", OLD_CODE, null, "FLINK-1_20",
                NEW_CODE, snapshot, T0, kind, null);
    }

    /** As MSF usually reports it: the current version replaced the one before it. */
    private static ApplicationNow now(String status, String runtime, long version, CodeLocation code, SnapshotFact... snapshots) {
        return new ApplicationNow(true, status, version, version - 1, runtime, code, List.of(snapshots), null, null);
    }

    private static SnapshotFact snapshot(String name, long version, String runtime, long ageSeconds) {
        return new SnapshotFact(name, "READY", version, runtime, T0.minusSeconds(ageSeconds));
    }

    @Test
    void backOnTheOriginalRuntimeAfterARollback_neverAdvisesRestoringTheSnapshot() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED),
                now("RUNNING", "FLINK-1_15", 9, OLD_CODE, snapshot(PINNED, 7, "FLINK-1_15", 600)));

        assertThat(step).contains("the rollback landed").contains("Do not restore snapshot " + PINNED)
                .doesNotContain("restoring snapshot").doesNotContain("rollback-application").contains("check fullRestarts and downtime");
    }

    @Test
    void rollbackUnhealthy_pointsAtTheJobNotAtTheSnapshot() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_UNHEALTHY, PINNED),
                now("RUNNING", "FLINK-1_15", 9, OLD_CODE, snapshot(PINNED, 7, "FLINK-1_15", 600)));

        assertThat(step).startsWith("The rollback landed but the original version is unhealthy as well")
                .contains("Investigate the job").contains("Do not restore snapshot " + PINNED).doesNotContain("restoring snapshot");
    }

    @Test
    void stillOnTheOriginalVersion_saysNothingWasChanged() {
        String step = ManualStepAdvisor.advise(request(Problem.SNAPSHOT_FAILED, PINNED), now("RUNNING", "FLINK-1_15", 7, OLD_CODE));

        assertThat(step).contains("'orders-enricher' was not changed: it is still RUNNING on FLINK-1_15")
                .contains("Find why the snapshot failed").doesNotContain("Do not restore");
    }

    @Test
    void backOnTheOriginalButStopped_startsItFromTheNewestSnapshotOfTheOriginalRuntime() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED), now("READY", "FLINK-1_15", 9, OLD_CODE,
                snapshot(PINNED, 7, "FLINK-1_15", 600), snapshot("on-target", 8, "FLINK-1_20", 60)));

        assertThat(step).contains("'orders-enricher' is READY on FLINK-1_15 with " + OLD_CODE.fileKey()
                        + " (version 9): the runtime and code it had before the upgrade are back, but the job is not running.")
                .doesNotContain("the rollback landed").doesNotContain("could not confirm it is healthy")
                .contains("It is stopped (it was RUNNING before the upgrade)")
                .contains("aws kinesisanalyticsv2 start-application --application-name orders-enricher")
                .contains("restoring snapshot " + PINNED + ", the newest READY snapshot of FLINK-1_15 state")
                .doesNotContain("on-target").doesNotContain("Do not restore").doesNotContain("UpdateApplication back");
    }

    @Test
    void backOnTheOriginalButStoppedWithNoSnapshot_saysItStartsWithoutState() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED), now("READY", "FLINK-1_15", 9, OLD_CODE));

        assertThat(step).contains("no snapshot of FLINK-1_15 state exists: it starts without state").doesNotContain("restoring snapshot");
    }

    @Test
    void onTheTargetWithThePinnedSnapshotReady_advisesRollbackThenThatSnapshot() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED),
                now("RUNNING", "FLINK-1_20", 8, NEW_CODE, snapshot(PINNED, 7, "FLINK-1_15", 600)));

        assertThat(step).contains("the upgrade is still in place")
                .contains("aws kinesisanalyticsv2 rollback-application --application-name orders-enricher --current-application-version-id 8")
                .contains("UpdateApplication back to FLINK-1_15 with " + OLD_CODE.fileKey() + " restoring snapshot " + PINNED);
    }

    @Test
    void onTheTargetAfterMsfAutoscaledIt_advisesTheUpdateBackNotRollbackApplicationWhichWouldOnlyUndoTheScaling() {
        ApplicationNow scaled = new ApplicationNow(true, "RUNNING", 9L, 8L, "FLINK-1_20", NEW_CODE, List.of(
                snapshot("automatic-scaling", 8, "FLINK-1_20", 60), snapshot("automatic-update", 7, "FLINK-1_15", 300)), null, null);

        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, null), scaled);

        assertThat(step).contains("the upgrade is still in place")
                .contains("not with RollbackApplication, which returns to version 8, the one version 9 replaced, "
                        + "not to version 7 the upgrade started from")
                .contains("Instead, UpdateApplication back to FLINK-1_15 with " + OLD_CODE.fileKey()
                        + " restoring snapshot automatic-update (RESTORE_FROM_CUSTOM_SNAPSHOT)")
                .doesNotContain("rollback-application").doesNotContain("restoring snapshot automatic-scaling");
    }

    @Test
    void onTheTargetWhenMsfDoesNotSayWhatRollbackReturnsTo_conditionsRollbackApplicationOnIt() {
        ApplicationNow unsaid = new ApplicationNow(true, "RUNNING", 8L, null, "FLINK-1_20", NEW_CODE,
                List.of(snapshot(PINNED, 7, "FLINK-1_15", 600)), null, null);

        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED), unsaid);

        assertThat(step).contains("rollback-application --application-name orders-enricher --current-application-version-id 8 "
                        + "if describe-application shows ApplicationVersionUpdatedFrom 7")
                .contains("otherwise, or if MSF refuses that, UpdateApplication back to FLINK-1_15");
    }

    @Test
    void anUpgradeThatReplacedTheProperties_restoresThePropertiesTheApplicationHadBefore() {
        ManualStepRequest withProperties = new ManualStepRequest(APP, Problem.ROLLBACK_FAILED, "FLINK-1_15", 7L, "RUNNING", OLD_CODE,
                List.of(new PropertyGroup("kinesis", Map.of("input.stream", "orders")), new PropertyGroup("sink", Map.of())),
                "FLINK-1_20", NEW_CODE, PINNED, T0, null, null);

        String step = ManualStepAdvisor.advise(withProperties, now("RUNNING", "FLINK-1_20", 8, NEW_CODE));

        assertThat(step).contains("UpdateApplication back to FLINK-1_15 with " + OLD_CODE.fileKey()
                + " and the runtime properties it had before the upgrade (property groups kinesis, sink)");
    }

    @Test
    void thePinnedSnapshotIsGone_saysSoAndNamesTheNewestSnapshotOfTheOriginalRuntime() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED),
                now("RUNNING", "FLINK-1_20", 8, NEW_CODE,
                        snapshot("nightly-2", 7, "FLINK-1_15", 3_600), snapshot("nightly-1", 6, "FLINK-1_15", 90_000),
                        snapshot("after-upgrade", 8, "FLINK-1_20", 60)));

        assertThat(step).contains("snapshot " + PINNED + " no longer exists")
                .contains("restoring snapshot nightly-2").doesNotContain("restoring snapshot " + PINNED)
                .doesNotContain("restoring snapshot after-upgrade").doesNotContain("restoring snapshot nightly-1");
    }

    @Test
    void noSnapshotOfTheOriginalRuntimeLeft_advisesTheStatelessWayBackOrFixingForward() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED), now("RUNNING", "FLINK-1_20", 8, NEW_CODE));

        assertThat(step).contains("snapshot " + PINNED + " no longer exists").contains("no snapshot holds FLINK-1_15 state")
                .contains("SKIP_RESTORE_FROM_SNAPSHOT").contains("fix forward on FLINK-1_20")
                .doesNotContain("rollback-application").doesNotContain("restoring snapshot");
    }

    @Test
    void whileUpdating_advisesNoChangeAndSaysWhatToWaitFor() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED),
                now("UPDATING", "FLINK-1_20", 8, NEW_CODE, snapshot(PINNED, 7, "FLINK-1_15", 600)));

        assertThat(step).contains("'orders-enricher' is UPDATING").contains("MSF refuses UpdateApplication until that operation ends")
                .contains("Wait until its Status is RUNNING or READY")
                .contains("If it stays UPDATING well past the time an update takes, aws kinesisanalyticsv2 rollback-application")
                .contains("If it runs FLINK-1_15 with " + OLD_CODE.fileKey()).contains("If it runs FLINK-1_20 with " + NEW_CODE.fileKey());
        assertThat(step.substring(0, step.indexOf("Wait until"))).doesNotContain("rollback-application").doesNotContain("restoring");
    }

    @Test
    void whenTheReadFails_givesConditionalGuidance() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED), ApplicationNow.unread("DescribeApplication: AccessDeniedException"));

        assertThat(step).contains("Reading 'orders-enricher' for this advice failed (DescribeApplication: AccessDeniedException)")
                .contains("aws kinesisanalyticsv2 describe-application --application-name orders-enricher")
                .contains("If it runs FLINK-1_15").contains("do not restore snapshot " + PINNED)
                .contains("If it runs FLINK-1_20").contains("if list-application-snapshots shows it READY");
    }

    @Test
    void whenOnlyTheSnapshotListFails_namesThePinnedSnapshotOnlyIfAListingShowsIt() {
        ApplicationNow now = new ApplicationNow(true, "RUNNING", 8L, 7L, "FLINK-1_20", NEW_CODE, null, null,
                "ListApplicationSnapshots: AccessDeniedException");

        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED), now);

        assertThat(step).contains("restoring snapshot " + PINNED + " if aws kinesisanalyticsv2 list-application-snapshots")
                .contains("listing the snapshots for this advice failed: ListApplicationSnapshots: AccessDeniedException");
    }

    @Test
    void changedBySomeoneElse_advisesAgreeingWithThemFirst() {
        CodeLocation theirs = new CodeLocation(OLD_CODE.bucketArn(), "orders-enricher/hotfix.jar", null);

        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED), now("RUNNING", "FLINK-1_15", 9, theirs));

        assertThat(step).contains("someone else changed it").doesNotContain("restoring").doesNotContain("rollback-application");
    }

    @Test
    void theApplicationIsGone_saysThereIsNothingToRestore() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_FAILED, PINNED), ApplicationNow.missing());

        assertThat(step).contains("no longer exists in this account and Region").doesNotContain("restoring");
    }

    @Test
    void beforeAnyPlan_reportsTheApplicationAsItIs() {
        ManualStepRequest unplanned = new ManualStepRequest(APP, Problem.FAILED, null, null, null, null, null, null, null, null, T0, null, null);

        String step = ManualStepAdvisor.advise(unplanned, now("RUNNING", "FLINK-1_15", 7, OLD_CODE));

        assertThat(step).contains("is RUNNING on FLINK-1_15").contains("the workflow failed before it changed anything");
    }

    @Test
    void couldNotObserve_onTheTarget_asksForAJudgementFromTheMetricsBeforeAnyRollback() {
        String step = ManualStepAdvisor.advise(request(Problem.COULD_NOT_OBSERVE, PINNED),
                now("RUNNING", "FLINK-1_20", 8, NEW_CODE, snapshot(PINNED, 7, "FLINK-1_15", 600)));

        assertThat(step).contains("the upgrade landed, but its health could not be judged")
                .contains("keep it if restarts and failed checkpoints stay flat and uptime grows");
        assertThat(step.indexOf("keep it if")).isLessThan(step.indexOf("rollback-application"));
    }

    @Test
    void automaticRollbackOff_onTheTarget_namesTheRollbackCommandWithTheVersionItRead() {
        String step = ManualStepAdvisor.advise(request(Problem.ROLLBACK_DISABLED, PINNED),
                now("RUNNING", "FLINK-1_20", 8, NEW_CODE, snapshot(PINNED, 7, "FLINK-1_15", 600)));

        assertThat(step).startsWith("The upgrade is in trouble and automatic rollback is off.")
                .contains("--current-application-version-id 8");
    }

    @Test
    void stoppedByAnotherParty_asksWhyAndSaysHowToStartItOrGoBackFromThePinnedSnapshot() {
        String step = ManualStepAdvisor.advise(interrupted(Kind.STOPPED, PINNED),
                now("READY", "FLINK-1_20", 8, NEW_CODE, snapshot(PINNED, 7, "FLINK-1_15", 600)));

        assertThat(step).startsWith("Someone else stopped the application").contains("never judged healthy")
                .contains("Ask who stopped it and why", "aws kinesisanalyticsv2 start-application --application-name " + APP)
                .contains("To go back to the pre-upgrade FLINK-1_15 with " + OLD_CODE.fileKey())
                .contains("restoring snapshot " + PINNED + " (RESTORE_FROM_CUSTOM_SNAPSHOT)").doesNotContain("rollback-application");
    }

    @Test
    void changedByAnotherParty_neverAdvisesUndoingTheirChangeWithoutAgreeingFirst() {
        String step = ManualStepAdvisor.advise(interrupted(Kind.FOREIGN, PINNED),
                now("RUNNING", "FLINK-1_20", 9, NEW_CODE, snapshot(PINNED, 7, "FLINK-1_15", 600)));

        assertThat(step).startsWith("Someone else changed the application").contains("did not roll back over their change")
                .contains("'orders-enricher' is RUNNING on FLINK-1_20", "(version 9)", "Agree with whoever changed it which version should run")
                .contains("restoring snapshot " + PINNED).doesNotContain("start-application").doesNotContain("rollback-application");
    }

    @Test
    void changedByAnotherPartyWhileMsfIsBusy_saysWhatToWaitFor() {
        String step = ManualStepAdvisor.advise(interrupted(Kind.FOREIGN, PINNED),
                now("UPDATING", "FLINK-1_19", 9, NEW_CODE, snapshot(PINNED, 7, "FLINK-1_15", 600)));

        assertThat(step).contains("is UPDATING on FLINK-1_19", "Wait until its Status is RUNNING or READY");
    }

    @Test
    void changedByAnotherPartyBackToTheOriginal_neverAdvisesRestoringASnapshot() {
        String step = ManualStepAdvisor.advise(interrupted(Kind.FOREIGN, PINNED),
                now("RUNNING", "FLINK-1_15", 9, OLD_CODE, snapshot(PINNED, 7, "FLINK-1_15", 600)));

        assertThat(step).contains("runs the version the upgrade started from").doesNotContain("restoring snapshot");
    }

    @Test
    void stoppedByAnotherPartyWithThePinnedSnapshotGone_saysSoAndNamesTheNewestOfTheOriginalRuntime() {
        String step = ManualStepAdvisor.advise(interrupted(Kind.STOPPED, PINNED), now("READY", "FLINK-1_20", 8, NEW_CODE,
                snapshot("on-target", 8, "FLINK-1_20", 60), snapshot("older-original", 6, "FLINK-1_15", 3600)));

        assertThat(step).contains("snapshot " + PINNED + " no longer exists")
                .contains("restoring snapshot older-original").doesNotContain("restoring snapshot " + PINNED)
                .doesNotContain("restoring snapshot on-target");
    }
}
