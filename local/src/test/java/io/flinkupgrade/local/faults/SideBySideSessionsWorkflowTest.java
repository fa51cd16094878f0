package io.flinkupgrade.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two local sessions in one JVM at once, each with its own emulator and scenario: every handler's SDK
 * clients call their own session's emulator (the endpoint is passed to each client, nothing is
 * JVM-wide), so each upgrade ends as its own scenario decides. The executions take strict turns, one
 * history event each, so each session's handlers are built and called while the other's are live.
 */
class SideBySideSessionsWorkflowTest {

    @Test
    void twoSessions_interleavedInOneJvm_eachSeeOnlyTheirOwnEmulator() throws Exception {
        JsonNode input = WorkflowRuns.consoleInput();
        Turns turns = new Turns();
        List<Integer> eventsInTurn = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<LocalUpgrade.Result> healthy = threads.submit(() -> runInTurn(0, "healthy-upgrade", input, turns, eventsInTurn));
            Future<LocalUpgrade.Result> incompatible = threads.submit(() -> runInTurn(1, "incompatible-state", input, turns,
                    eventsInTurn));

            LocalUpgrade.Result upgraded = healthy.get(3, TimeUnit.MINUTES);
            LocalUpgrade.Result rolledBack = incompatible.get(3, TimeUnit.MINUTES);

            assertThat(upgraded.outcomeName()).isEqualTo("UPGRADED");
            assertThat(operations(upgraded)).containsExactly("CreateApplicationSnapshot", "UpdateApplication");
            assertThat(rolledBack.outcomeName()).isEqualTo("ROLLED_BACK");
            assertThat(operations(rolledBack)).containsExactly("CreateApplicationSnapshot", "UpdateApplication",
                    "RollbackApplication");
            for (LocalUpgrade.Result result : List.of(upgraded, rolledBack)) {
                UpgradeInvariants.check(result, input);
                // Every call this session's emulator received from a client was made by one of this session's tasks.
                assertThat(result.taskCalls()).hasSameSizeAs(result.calls().stream().filter(c -> c.actor().equals("client")).toList());
            }
            // They did run interleaved: the first twenty events alternate between the two executions.
            assertThat(eventsInTurn.subList(0, 20)).containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        } finally {
            threads.shutdownNow();
        }
    }

    private static LocalUpgrade.Result runInTurn(int me, String scenario, JsonNode input, Turns turns, List<Integer> log) {
        turns.await(me);
        try {
            return LocalUpgrade.run(WorkflowRuns.DEFINITION, input, Scenario.load(scenario), event -> {
                log.add(me);
                turns.pass(me);
            }, notification -> { });
        } finally {
            turns.finish(me);
        }
    }

    private static List<String> operations(LocalUpgrade.Result result) {
        return result.mutatingCalls().stream().map(RecordedCall::operation).toList();
    }

    /** Strict turns between two executions: each event of one hands over to the other, until one has ended. */
    private static final class Turns {
        private int turn;
        private final boolean[] finished = new boolean[2];

        synchronized void await(int me) {
            while (turn != me && !finished[1 - me]) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a turn", e);
                }
            }
        }

        synchronized void pass(int me) {
            turn = 1 - me;
            notifyAll();
            await(me);
        }

        synchronized void finish(int me) {
            finished[me] = true;
            turn = 1 - me;
            notifyAll();
        }
    }
}
