package io.flinkupgrade.fleet;

import io.flinkupgrade.fleet.FleetPlan.Item;
import io.flinkupgrade.fleet.FleetPlan.Wave;
import io.flinkupgrade.fleet.FleetPlan.WaveKind;
import io.flinkupgrade.fleet.FleetRequest.Rollout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Orders the planned applications into the canary and the waves, pure. */
final class WavePlanner {
    private WavePlanner() {}

    /**
     * The first {@code canarySize} applications are the canary (no failure tolerated), the rest
     * follow in waves of {@code waves.size}, or of {@code waves.percentage} percent of all planned
     * applications rounded up, or one wave when neither is given; order is kept throughout. Wave n's
     * items are at {@code itemsKey(n)}.
     */
    static List<Wave> waves(List<Item> planned, Rollout rollout, IntFunction<String> itemsKey) {
        List<Wave> waves = new ArrayList<>();
        int canary = Math.min(rollout.canarySize(), planned.size());
        if (canary > 0) {
            waves.add(new Wave(1, WaveKind.CANARY, rollout.maxConcurrency(), 0, null, itemsKey.apply(1), planned.subList(0, canary)));
        }
        List<Item> rest = planned.subList(canary, planned.size());
        int size = waveSize(rollout, planned.size(), rest.size());
        for (int from = 0; from < rest.size(); from += size) {
            int number = waves.size() + 1;
            waves.add(new Wave(number, WaveKind.WAVE, rollout.maxConcurrency(),
                    rollout.toleratedFailures().count(), rollout.toleratedFailures().percentage(), itemsKey.apply(number),
                    rest.subList(from, Math.min(from + size, rest.size()))));
        }
        return waves;
    }

    private static int waveSize(Rollout rollout, int planned, int rest) {
        if (rollout.waves() == null) {
            return Math.max(rest, 1);
        }
        if (rollout.waves().size() != null) {
            return rollout.waves().size();
        }
        return Math.max(1, (int) Math.ceil(planned * rollout.waves().percentage() / 100.0));
    }
}
