package io.flinkupgrade.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Wall time of whole local upgrades (real ASL, handlers, SDK over HTTP, emulator) per bundled
 * scenario: what a developer waits for, and what the scenario test suites cost. Prints one line
 * per scenario: outcome, HTTP calls per run, virtual time covered, median and p90 wall time. The fleet
 * scenarios are left to {@link FleetBench}: a single application's input has nothing to do in them.
 */
public final class LocalUpgradeBench {
    private LocalUpgradeBench() {}

    public static void main(String[] args) throws IOException {
        JsonNode input = TaskJson.mapper().readTree(Files.readString(Path.of(args[0])));
        int iterations = Integer.parseInt(args[1]);
        StateMachineDefinition workflow = LocalUpgrade.definition(Optional.empty());
        System.out.printf("%-22s %-12s %6s %10s %9s %9s%n", "scenario", "outcome", "calls", "virtual", "p50 ms", "p90 ms");
        for (String name : Scenario.bundledNames()) {
            Scenario scenario = Scenario.load(name);
            if (scenario.applicationNames().size() > 1) {
                // A fleet's scenario, for a fleet request: FleetBench times fleets.
                continue;
            }
            LocalUpgrade.run(workflow, input, scenario, e -> { }, n -> { });
            long[] millis = new long[iterations];
            LocalUpgrade.Result last = null;
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                last = LocalUpgrade.run(workflow, input, scenario, e -> { }, n -> { });
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(millis);
            Duration virtual = Duration.between(last.execution().startTime(), last.execution().stopTime());
            System.out.printf("%-22s %-12s %6d %10s %9d %9d%n", name, last.outcomeName(), last.calls().size(),
                    virtual.toString().substring(2).toLowerCase(), millis[iterations / 2], millis[iterations * 9 / 10]);
        }
    }
}
