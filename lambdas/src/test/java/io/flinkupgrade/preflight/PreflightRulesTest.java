package io.flinkupgrade.preflight;

import static io.flinkupgrade.support.MsfFixtures.APP;
import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.OLD_CODE;
import static io.flinkupgrade.support.MsfFixtures.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.plan.UpgradeRequest.SnapshotOptions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PreflightRulesTest {
    private static UpgradeRequest to(String runtime) {
        return new UpgradeRequest(APP, runtime, NEW_CODE, null, null, null, null, null, null, null);
    }

    private static void rejected(UpgradeRequest request, MsfApplication app, String field, String message) {
        assertThatThrownBy(() -> PreflightRules.assess(request, app))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void assess_whenUpgradingARunningApplication_passesWithoutWarnings() {
        PreflightRules.Assessment assessment = PreflightRules.assess(to("FLINK-1_20"), app("RUNNING", "FLINK-1_15", 7, OLD_CODE));

        assertThat(assessment.current()).hasToString("FLINK-1_15");
        assertThat(assessment.target()).hasToString("FLINK-1_20");
        assertThat(assessment.warnings()).isEmpty();
    }

    @Test
    void assess_whenTargetIsOlder_rejectsTheDowngrade() {
        rejected(to("FLINK-1_15"), app("RUNNING", "FLINK-1_20", 7, OLD_CODE), "targetRuntime", "older than the current FLINK-1_20");
    }

    @Test
    void assess_whenTargetIsNotAnMsfRuntime_rejectsItListingTheKnownOnes() {
        rejected(to("FLINK-1_21"), app("RUNNING", "FLINK-1_15", 7, OLD_CODE), "targetRuntime", "FLINK-2_3");
    }

    @Test
    void assess_whenTheRuntimeHasALeadingZero_rejectsItBeforeAnythingIsCalled() {
        rejected(to("FLINK-01_20"), app("RUNNING", "FLINK-1_15", 7, OLD_CODE), "targetRuntime", "'FLINK-01_20' is not a Flink runtime name");
    }

    @Test
    void assess_whenTheBucketIsInAnotherPartition_rejectsTheBucketArn() {
        UpgradeRequest chinaBucket = new UpgradeRequest(APP, "FLINK-1_20",
                new UpgradeRequest.CodeLocation("arn:aws-cn:s3:::flink-artifacts", NEW_CODE.fileKey(), null),
                null, null, null, null, null, null, null);

        rejected(chinaBucket, app("RUNNING", "FLINK-1_15", 7, OLD_CODE), "code.bucketArn",
                "is in partition aws-cn, but 'orders-enricher' is in us-east-1 (partition aws)");
    }

    @Test
    void assess_whenTheBucketIsInTheApplicationsPartition_passes() {
        UpgradeRequest govBucket = new UpgradeRequest(APP, "FLINK-1_20",
                new UpgradeRequest.CodeLocation("arn:aws-us-gov:s3:::flink-artifacts", NEW_CODE.fileKey(), null),
                null, null, null, null, null, null, null);
        MsfApplication govApp = new MsfApplication(APP, "arn:aws-us-gov:kinesisanalytics:us-gov-west-1:123456789012:application/" + APP,
                "RUNNING", "FLINK-1_15", 7, "token-7", OLD_CODE, true, 60_000, null, null, List.of(), null, null);

        assertThat(PreflightRules.assess(govBucket, govApp).target()).hasToString("FLINK-1_20");
    }

    @Test
    void assess_whenTargetIsMalformed_rejectsIt() {
        rejected(to("flink-1.20"), app("RUNNING", "FLINK-1_15", 7, OLD_CODE), "targetRuntime", "not a Flink runtime name");
    }

    @Test
    void assess_whenSameRuntimeAndSameCode_rejectsTheNoOp() {
        rejected(to("FLINK-1_20"), app("RUNNING", "FLINK-1_20", 7, NEW_CODE), "targetRuntime", "nothing to do");
    }

    @Test
    void assess_whenSameRuntimeButNewCode_passesAsACodeOnlyDeploy() {
        assertThat(PreflightRules.assess(to("FLINK-1_20"), app("RUNNING", "FLINK-1_20", 7, OLD_CODE)).advisories())
                .anySatisfy(a -> assertThat(a).contains("new code only"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATING", "STARTING", "STOPPING", "AUTOSCALING", "ROLLING_BACK", "MAINTENANCE", "FORCE_STOPPING"})
    void assess_whenApplicationIsInTransition_rejectsAndSaysToWait(String status) {
        rejected(to("FLINK-1_20"), app(status, "FLINK-1_15", 7, OLD_CODE), "applicationName", "is " + status);
    }

    @Test
    void assess_whenApplicationIsNotFlink_rejectsIt() {
        rejected(to("FLINK-1_20"), app("RUNNING", "SQL-1_0", 7, OLD_CODE), "applicationName", "not a Flink runtime");
    }

    @Test
    void assess_whenSnapshotsAreDisabled_warnsThatRollbackCannotRestoreState() {
        MsfApplication noSnapshots = new MsfApplication(APP, "arn", "RUNNING", "FLINK-1_15", 7, "t", OLD_CODE, false, 60_000, null, null, List.of(), null, null);

        assertThat(PreflightRules.assess(to("FLINK-1_20"), noSnapshots).warnings())
                .anySatisfy(w -> assertThat(w).contains("Snapshots are disabled", "cannot restore state"));
    }

    @Test
    void assess_whenTheRequestTurnsTheSnapshotOff_warns() {
        UpgradeRequest noSnapshot = new UpgradeRequest(APP, "FLINK-1_20", NEW_CODE, null, null, new SnapshotOptions(false, null), null, null, null, null);

        assertThat(PreflightRules.assess(noSnapshot, app("RUNNING", "FLINK-1_15", 7, OLD_CODE)).warnings())
                .anySatisfy(w -> assertThat(w).contains("snapshot.enabled is false"));
    }

    @Test
    void assess_oneWayUpgradeWithoutPinnedSnapshot_warnsOnlyWhenTheApplicationHasNoSnapshotsAtAll() {
        UpgradeRequest noSnapshot = new UpgradeRequest(APP, "FLINK-2_2", NEW_CODE, null, null, new SnapshotOptions(false, null), null, null, null, null);
        MsfApplication noSnapshots = new MsfApplication(APP, "arn", "RUNNING", "FLINK-1_20", 7, "t", OLD_CODE, false, 60_000, null, null, List.of(), null, null);

        // MSF's own snapshot at the update keeps the 1.x state when only the pinned snapshot is turned off.
        assertThat(PreflightRules.assess(noSnapshot, app("RUNNING", "FLINK-1_20", 7, OLD_CODE)).warnings())
                .noneSatisfy(w -> assertThat(w).contains("no 1.x state"))
                .anySatisfy(w -> assertThat(w).contains("RollbackApplication restores the snapshot MSF takes automatically"));
        assertThat(PreflightRules.assess(noSnapshot, noSnapshots).warnings()).anySatisfy(w -> assertThat(w).contains("no 1.x state"));
    }

    @Test
    void assess_whenApplicationIsReady_warnsThereIsNoBake() {
        assertThat(PreflightRules.assess(to("FLINK-1_20"), app("READY", "FLINK-1_15", 7, OLD_CODE)).warnings())
                .anySatisfy(w -> assertThat(w).contains("no health bake"));
    }

    @Test
    void assess_whenMovingFrom1xTo2x_advisesTheOneWaySerializerChange() {
        assertThat(PreflightRules.assess(to("FLINK-2_2"), app("RUNNING", "FLINK-1_20", 7, OLD_CODE)).advisories())
                .anySatisfy(a -> assertThat(a).contains("One-way", "Kryo", "numRestarts"));
    }

    @Test
    void assess_whenMovingFrom111To113OrLater_advisesTheKinesisConnectorRename() {
        assertThat(PreflightRules.assess(to("FLINK-1_13"), app("RUNNING", "FLINK-1_11", 7, OLD_CODE)).advisories())
                .anySatisfy(a -> assertThat(a).contains("amazon-kinesis-connector-flink", "state-migrator"));
    }

    @Test
    void assess_whenMovingFrom16To118WithState_rejectsAsMsfDoes() {
        rejected(to("FLINK-1_18"), app("RUNNING", "FLINK-1_6", 7, OLD_CODE), "targetRuntime", "upgrade to FLINK-1_15 first");
    }
}
