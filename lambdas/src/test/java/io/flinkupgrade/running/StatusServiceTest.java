package io.flinkupgrade.running;

import static io.flinkupgrade.support.MsfFixtures.APP;
import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.T0;
import static io.flinkupgrade.support.MsfFixtures.app;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusServiceTest {
    private static StatusCheckRequest request(long secondsLater) {
        return new StatusCheckRequest(APP, "op-1", 8L, "FLINK-1_20", NEW_CODE.fileKey(), "RUNNING", T0, 900, 15, T0.plusSeconds(secondsLater));
    }

    @Test
    void decide_whenRunningTheTargetAtTheNewVersionAndOperationSucceeded_settles() {
        RunningCheck check = StatusService.decide(request(120), app("RUNNING", "FLINK-1_20", 8, NEW_CODE), "SUCCESSFUL", null);

        assertThat(check.phase()).isEqualTo("SETTLED");
        assertThat(check.waitedSeconds()).isEqualTo(120);
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

    @Test
    void decide_whenFellBackToReady_fails() {
        RunningCheck check = StatusService.decide(request(60), app("READY", "FLINK-1_20", 8, NEW_CODE), "SUCCESSFUL", null);

        assertThat(check.phase()).isEqualTo("FAILED");
        assertThat(check.reasons()).singleElement().asString().contains("fell back to READY");
    }

    @Test
    void decide_whenRunningTheOldRuntimeAgain_failsBecauseTheChangeDidNotStick() {
        RunningCheck check = StatusService.decide(request(60), app("RUNNING", "FLINK-1_15", 9, NEW_CODE), "SUCCESSFUL", null);

        assertThat(check.phase()).isEqualTo("FAILED");
        assertThat(check.reasons()).singleElement().asString().contains("FLINK-1_15", "did not stick");
    }

    @Test
    void decide_whenBelowTheExpectedVersion_fails() {
        RunningCheck check = StatusService.decide(request(60), app("RUNNING", "FLINK-1_20", 7, NEW_CODE), null, null);

        assertThat(check.phase()).isEqualTo("FAILED");
    }

    @Test
    void decide_whenReadyIsExpected_settlesOnReady() {
        StatusCheckRequest ready = new StatusCheckRequest(APP, null, 8L, "FLINK-1_20", null, "READY", T0, 900, 15, T0.plusSeconds(5));

        assertThat(StatusService.decide(ready, app("READY", "FLINK-1_20", 8, NEW_CODE), null, null).phase()).isEqualTo("SETTLED");
    }
}
