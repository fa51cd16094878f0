package io.flinkupgrade.running;

import static io.flinkupgrade.support.MsfFixtures.APP;
import static io.flinkupgrade.support.MsfFixtures.NEW_CODE;
import static io.flinkupgrade.support.MsfFixtures.T0;
import static io.flinkupgrade.support.MsfFixtures.app;
import static io.flinkupgrade.support.MsfFixtures.ours;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollScheduleTest {
    @ParameterizedTest(name = "waited {0} s of {1} s, pollSeconds {2}: next poll in {3} s")
    @CsvSource({
        "90, 900, 15, 22",    // a quarter of the time waited
        "20, 900, 15, 15",    // never more often than pollSeconds
        "400, 900, 15, 60",   // never less often than once a minute
        "880, 900, 15, 20",   // the last wait ends at the deadline, so the timeout fires on time
        "899, 900, 15, 1",
        "100, 900, 120, 120", // a pollSeconds above the cap wins: the user asked for fewer reads
    })
    void nextPollSeconds_isAQuarterOfTheWaitBetweenPollSecondsAndAMinuteNeverPastTheDeadline(
            long waited, int timeout, int pollSeconds, int expected) {
        assertThat(PollSchedule.nextPollSeconds(waited, timeout, pollSeconds)).isEqualTo(expected);
    }

    @Test
    void aStuckUpdate_isReadAboutSeventeenTimesInFifteenMinutesEndingExactlyAtTheTimeout() {
        List<Long> polls = new ArrayList<>(List.of(90L));
        while (polls.get(polls.size() - 1) < 900) {
            long waited = polls.get(polls.size() - 1);
            polls.add(waited + PollSchedule.nextPollSeconds(waited, 900, 15));
        }

        assertThat(polls).hasSize(17).last().isEqualTo(900L);
    }

    @Test
    void decide_inProgress_carriesTheNextWait_andSettledCarriesNone() {
        StatusCheckRequest request = new StatusCheckRequest(APP, "op-1", ours(8L), "RUNNING", T0, 900, 15,
                T0.plusSeconds(200), null);

        RunningCheck updating = StatusService.decide(request,
                app("UPDATING", "FLINK-1_20", 8, NEW_CODE),
                "IN_PROGRESS", null);
        RunningCheck settled = StatusService.decide(request,
                app("RUNNING", "FLINK-1_20", 8, NEW_CODE),
                "SUCCESSFUL", null);

        assertThat(updating.nextPollSeconds()).isEqualTo(50);
        assertThat(settled.nextPollSeconds()).isZero();
    }
}
