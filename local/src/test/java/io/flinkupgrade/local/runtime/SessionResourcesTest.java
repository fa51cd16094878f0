package io.flinkupgrade.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A local session gives back what it took when it ends: a JVM runs hundreds of sessions (a test suite, the
 * benchmarks), and the handlers' SDK clients each keep a scheduler thread for their timeouts until closed.
 */
class SessionResourcesTest {
    private static final Path CONSOLE_INPUT = Path.of(System.getProperty("flinkupgrade.root", ".."), "events", "console-input.json");

    @Test
    void anUpgradeThatEnded_leavesNoSdkClientThreadBehind() throws IOException, InterruptedException {
        JsonNode input = TaskJson.mapper().readTree(Files.readString(CONSOLE_INPUT));
        Set<Thread> before = sdkThreads();

        LocalUpgrade.Result result = LocalUpgrade.run(LocalUpgrade.definition(Optional.empty()), input, Scenario.load("healthy-upgrade"),
                event -> { }, notification -> { });

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        // Closed executors' threads end on their own, shortly after: wait for them, within a bound.
        Set<Thread> left = sdkThreads();
        left.removeAll(before);
        for (int i = 0; i < 100 && !left.isEmpty(); i++) {
            Thread.sleep(50);
            left.removeIf(thread -> !thread.isAlive());
        }
        assertThat(left).as("the session's SDK client threads still alive").isEmpty();
    }

    /** The SDK names each client's scheduler threads sdk-ScheduledExecutor-<client>-<thread>. */
    private static Set<Thread> sdkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("sdk-ScheduledExecutor"))
                .collect(Collectors.toSet());
    }
}
