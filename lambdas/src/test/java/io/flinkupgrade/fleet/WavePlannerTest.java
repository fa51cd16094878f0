package io.flinkupgrade.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.fleet.FleetPlan.Item;
import io.flinkupgrade.fleet.FleetPlan.Wave;
import io.flinkupgrade.fleet.FleetRequest.Rollout;
import io.flinkupgrade.fleet.FleetRequest.ToleratedFailures;
import io.flinkupgrade.fleet.FleetRequest.Waves;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WavePlannerTest {
    private static List<Item> items(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Item("app-" + i, "FLINK-1_15")).toList();
    }

    private static List<Integer> sizes(List<Wave> waves) {
        return waves.stream().map(w -> w.applications().size()).toList();
    }

    @Test
    void waves_byPercentage_roundUpAPercentOfAllPlannedApplications() {
        List<Wave> waves = WavePlanner.waves(items(10), new Rollout(1, new Waves(null, 25), 5, null, null, null), n -> "wave-" + n);

        assertThat(sizes(waves)).containsExactly(1, 3, 3, 3);
    }

    @Test
    void waves_withoutAWaveSetting_areTheCanaryAndOneWaveOfTheRest() {
        assertThat(sizes(WavePlanner.waves(items(12), new Rollout(null, null, null, null, null, null), n -> "wave-" + n))).containsExactly(1, 11);
    }

    @Test
    void waves_withNoCanary_startWithAWaveThatHasTheRolloutsTolerance() {
        List<Wave> waves = WavePlanner.waves(items(4), new Rollout(0, new Waves(3, null), 2, new ToleratedFailures(1, 10.0), null, null), n -> "wave-" + n);

        assertThat(sizes(waves)).containsExactly(3, 1);
        assertThat(waves.get(0).toleratedFailureCount()).isEqualTo(1);
        assertThat(waves.get(0).toleratedFailurePercentage()).isEqualTo(10.0);
    }

    @Test
    void waves_withACanaryLargerThanTheFleet_isOnlyTheCanary() {
        assertThat(sizes(WavePlanner.waves(items(2), new Rollout(5, null, null, null, null, null), n -> "wave-" + n))).containsExactly(2);
        assertThat(WavePlanner.waves(items(0), new Rollout(null, null, null, null, null, null), n -> "wave-" + n)).isEmpty();
    }

    @Test
    void toleratedFailures_onlyAPercentage_setNoCountLimit() {
        assertThat(new ToleratedFailures(null, 5.0).count()).isNull();
        assertThat(new ToleratedFailures(null, null).count()).isZero();
    }
}
