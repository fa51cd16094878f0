package io.flinkupgrade.running;

import static io.flinkupgrade.support.MsfFixtures.APP;
import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.OLD_CODE;
import static io.flinkupgrade.support.MsfFixtures.T0;
import static io.flinkupgrade.support.MsfFixtures.app;
import static io.flinkupgrade.support.MsfFixtures.ours;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.application.ApplicationWatch.Kind;
import org.junit.jupiter.api.Test;

class StatusServiceTest {
    private static StatusCheckRequest request(long secondsLater) {
        return new StatusCheckRequest(APP, "op-1", ours(8L), "RUNNING", T0, 900, 15, T0.plusSeconds(secondsLater), null);
    }

    @Test
    void decide_whenRunningTheTargetAtTheNewVersionAndOperationSucceeded_settles() {
        RunningCheck check = StatusService.decide(request(120), app("RUNNING", "FLINK-1_20", 8, NEW_CODE), "SUCCESSFUL", null);

        assertThat(check.phase()).isEqualTo("SETTLED");
        assertThat(check.waitedSeconds()).isEqualTo(120);
        assertThat(check.watch().kind()).isEqualTo(Kind.OURS);
    }

    @Test
    void decide_whenStillUpdatingWithinTimeout_isInProgress() {
        RunningCheck check = StatusService.decide(request(120), app("UPDATING", "FLINK-1_20", 8, NEW_CODE), "IN_PROGRESS", null);

        assertThat(check.phase()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void decide_whenRunningButOperationStillInProgress_keepsWaiting() {
        RunningCheck check = StatusService.decide(request(10), app("RUNNING", "FLINK-1_20", 8, NEW_CODE), "IN_PROGRESS", null);

        assertThat(check.phase()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void decide_whenStuckUpdatingPastTimeout_failsWithTheNumbers() {
        RunningCheck check = StatusService.decide(request(900), app("UPDATING", "FLINK-1_20", 8, NEW_CODE), "IN_PROGRESS", null);

        assertThat(check.phase()).isEqualTo("FAILED");
        assertThat(check.reasons()).singleElement().asString().contains("still UPDATING after 900 s", "runningSeconds = 900");
    }

    @Test
    void decide_whenOperationFailed_failsWithMsfsErrorAndSystemRollback() {
        RunningCheck check = StatusService.decide(request(60), app("UPDATING", "FLINK-1_20", 8, NEW_CODE), "FAILED",
                "snapshot incompatible (MSF started system rollback op-2)");

        assertThat(check.phase()).isEqualTo("FAILED");
        assertThat(check.reasons()).singleElement().asString().contains("ended FAILED", "snapshot incompatible", "op-2");
    }

    /** MSF's system rollback puts the old runtime back: our update failing, not another party, so it stays trouble. */
    @Test
    void decide_whenOurOperationFailedAndMsfRolledBack_failsRatherThanBlamingAnotherParty() {
        RunningCheck check = StatusService.decide(request(60), app("RUNNING", "FLINK-1_15", 9, OLD_CODE), "FAILED", "restore failed");

        assertThat(check.phase()).isEqualTo("FAILED");
    }

    @Test
    void decide_whenReadyWithoutOurOperationSucceeding_fellBackAndFails() {
        RunningCheck check = StatusService.decide(request(60), app("READY", "FLINK-1_20", 8, NEW_CODE), null, null);

        assertThat(check.phase()).isEqualTo("FAILED");
        assertThat(check.reasons()).singleElement().asString().contains("fell back to READY");
    }

    @Test
    void decide_whenStoppedAfterOurOperationSucceeded_isInterruptedByAnotherParty() {
        RunningCheck check = StatusService.decide(request(60), app("STOPPING", "FLINK-1_20", 8, NEW_CODE), "SUCCESSFUL", null);

        assertThat(check.phase()).isEqualTo("INTERRUPTED");
        assertThat(check.watch().kind()).isEqualTo(Kind.STOPPED);
    }

    @Test
    void decide_whenRunningAnotherRuntimeAtANewerVersion_isInterruptedNamingTheForeignVersion() {
        RunningCheck check = StatusService.decide(request(60), app("RUNNING", "FLINK-1_19", 9, NEW_CODE), "SUCCESSFUL", null);

        assertThat(check.phase()).isEqualTo("INTERRUPTED");
        assertThat(check.reasons()).singleElement().asString()
                .contains("changed by another party", "version 9", "runtime FLINK-1_20 -> FLINK-1_19");
    }

    @Test
    void decide_whenBelowOurVersion_isAVersionOurCallsDidNotMake() {
        RunningCheck check = StatusService.decide(request(60), app("RUNNING", "FLINK-1_20", 7, NEW_CODE), null, null);

        assertThat(check.phase()).isEqualTo("INTERRUPTED");
        assertThat(check.reasons()).singleElement().asString().contains("our calls did not make");
    }

    @Test
    void decide_whenAutoscaledToANewerVersionOfOurConfiguration_settlesAndAdoptsTheVersion() {
        RunningCheck check = StatusService.decide(request(60), app("RUNNING", "FLINK-1_20", 9, NEW_CODE), "SUCCESSFUL", null);

        assertThat(check.phase()).isEqualTo("SETTLED");
        assertThat(check.watch().kind()).isEqualTo(Kind.AUTOSCALED);
        assertThat(check.watch().ours().versionIds()).containsExactly(8L, 9L);
    }

    @Test
    void decide_whenReadyIsExpected_settlesOnReady() {
        StatusCheckRequest ready = new StatusCheckRequest(APP, null, ours(8L), "READY", T0, 900, 15, T0.plusSeconds(5), null);

        assertThat(StatusService.decide(ready, app("READY", "FLINK-1_20", 8, NEW_CODE), null, null).phase()).isEqualTo("SETTLED");
    }
}
