package io.flinkupgrade.application;

import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.T0;
import static io.flinkupgrade.support.MsfFixtures.app;
import static io.flinkupgrade.support.MsfFixtures.ours;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.application.ApplicationWatch.Kind;
import io.flinkupgrade.application.ApplicationWatch.Watch;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationWatchTest {
    private static MsfApplication withProperties(MsfApplication a, List<PropertyGroup> groups) {
        return new MsfApplication(a.name(), a.arn(), a.status(), a.runtime(), a.versionId(), a.conditionalToken(), a.code(),
                a.snapshotsEnabled(), a.checkpointIntervalMillis(), a.updatedFromVersionId(), T0, groups, null, null);
    }

    @Test
    void judge_whenOurVersionRunsOurConfiguration_isOurs() {
        Watch watch = ApplicationWatch.judge(app("RUNNING", "FLINK-1_20", 8, NEW_CODE), ours(8L), true);

        assertThat(watch.kind()).isEqualTo(Kind.OURS);
        assertThat(watch.reasons()).isEmpty();
    }

    @Test
    void judge_whenAnotherRuntimeRuns_isForeignNamingTheVersionAndTheChange() {
        Watch watch = ApplicationWatch.judge(app("UPDATING", "FLINK-1_19", 9, NEW_CODE), ours(8L), true);

        assertThat(watch.kind()).isEqualTo(Kind.FOREIGN);
        assertThat(watch.reasons()).singleElement().asString()
                .contains("changed by another party", "'orders-enricher' at version 9 (UPDATING)", "runtime FLINK-1_20 -> FLINK-1_19");
    }

    @Test
    void judge_whenOtherCodeRunsAtOurVersionNumber_isStillForeign() {
        CodeLocation other = new CodeLocation(NEW_CODE.bucketArn(), NEW_CODE.fileKey(), "v2");
        CodeLocation oursWithVersion = new CodeLocation(NEW_CODE.bucketArn(), NEW_CODE.fileKey(), "v1");
        OurChange change = new OurChange(List.of(8L), "FLINK-1_20", oursWithVersion, List.of(), 60_000, true);

        Watch watch = ApplicationWatch.judge(app("RUNNING", "FLINK-1_20", 8, other), change, true);

        assertThat(watch.kind()).isEqualTo(Kind.FOREIGN);
        assertThat(watch.reasons()).singleElement().asString().contains("(object version v1) -> ", "(object version v2)");
    }

    @Test
    void judge_whenPropertyGroupsChanged_isForeignNamingTheGroups() {
        MsfApplication changed = withProperties(app("RUNNING", "FLINK-1_20", 9, NEW_CODE),
                List.of(new PropertyGroup("ops", Map.of("changedBy", "someone"))));

        Watch watch = ApplicationWatch.judge(changed, ours(8L), true);

        assertThat(watch.kind()).isEqualTo(Kind.FOREIGN);
        assertThat(watch.reasons()).singleElement().asString().contains("property groups ops added");
    }

    @Test
    void judge_whenAnOlderVersionRuns_isAVersionOurCallsDidNotMake() {
        Watch watch = ApplicationWatch.judge(app("RUNNING", "FLINK-1_20", 7, NEW_CODE), ours(8L), false);

        assertThat(watch.kind()).isEqualTo(Kind.FOREIGN);
        assertThat(watch.reasons()).singleElement().asString().contains("our calls did not make (ours: [8])");
    }

    @Test
    void judge_whenAutoscaling_excusesAndAdoptsTheScaledVersion() {
        Watch watch = ApplicationWatch.judge(app("AUTOSCALING", "FLINK-1_20", 9, NEW_CODE), ours(8L), true);

        assertThat(watch.kind()).isEqualTo(Kind.AUTOSCALING);
        assertThat(watch.ours().versionIds()).containsExactly(8L, 9L);
        assertThat(watch.kind().interrupts()).isFalse();
    }

    @Test
    void judge_whenANewerVersionDiffersOnlyInWhatIsNotCompared_isAutoscaledThenOurs() {
        Watch scaled = ApplicationWatch.judge(app("RUNNING", "FLINK-1_20", 9, NEW_CODE), ours(8L), true);
        Watch next = ApplicationWatch.judge(app("RUNNING", "FLINK-1_20", 9, NEW_CODE), scaled.ours(), true);

        assertThat(scaled.kind()).isEqualTo(Kind.AUTOSCALED);
        assertThat(scaled.reasons()).singleElement().asString().contains("MSF autoscaled", "from version 8");
        assertThat(next.kind()).isEqualTo(Kind.OURS);
    }

    @Test
    void judge_whenStoppedAfterOurChangeSettled_isStopped() {
        Watch watch = ApplicationWatch.judge(app("READY", "FLINK-1_20", 8, NEW_CODE), ours(8L), true);

        assertThat(watch.kind()).isEqualTo(Kind.STOPPED);
        assertThat(watch.kind().interrupts()).isTrue();
    }

    /** Before our change settled, READY is our update falling back (trouble to roll back), not someone's stop. */
    @Test
    void judge_whenReadyBeforeOurChangeSettled_isStillOurs() {
        Watch watch = ApplicationWatch.judge(app("READY", "FLINK-1_20", 8, NEW_CODE), ours(8L), false);

        assertThat(watch.kind()).isEqualTo(Kind.OURS);
    }
}
